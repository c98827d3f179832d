// LayerwisePretraining: greedy layer-wise pretraining of a deep autoencoder (Hinton and
// Salakhutdinov, 2006; Bengio et al., 2007; Goodfellow et al. 14.6 and 15.1).
//
// For encoder layer l = 0, 1, ..., depth−1: a shallow autoencoder w_l → w_{l+1} → w_l (same
// activation, tying and optimizer settings) learns to reconstruct the previous layer's codes
// h_l = f_{l−1}(...f_0(x)) for `pretrainEpochsPerLayer` epochs; its encoder becomes encoder
// layer l and its decoder the mirror decoder layer 2·depth−1−l. Layer 0 reconstructs pixels
// with the run's loss and output activation; deeper layers reconstruct unbounded hidden codes
// with squared error and a linear output. Fine-tuning end to end follows as ordinary training.
// Draws (shallow initial weights, batch orders) come from the run's generator.
//
// Shapes: B = batch, w_l = width of layer l (w_0 = D = 784 pixels).

/// Greedy layer-wise pretraining of one deep model on one image set; `Trainer` runs it before
/// its first batch when `config.pretrainEpochsPerLayer > 0`.
public struct LayerwisePretraining {
    /// The run's configuration: architecture, loss, batch size, optimizer, epochs per layer.
    public let config: TrainingConfig
    /// The images the first layer reconstructs.
    public let images: ImageSet
    /// The deep model whose encoder and mirror decoder layers receive the pretrained weights.
    public let model: Autoencoder<Float>
    /// B × D values: the batch of images read.
    private let input: FloatBuffer

    public init(config: TrainingConfig, images: ImageSet, model: Autoencoder<Float>) {
        self.config = config
        self.images = images
        self.model = model
        input = FloatBuffer(count: config.batchSize * config.architecture.inputSize)
    }

    /// Pretrains every encoder layer in turn and writes the weights into `model`.
    /// - Parameter random: the run's generator (shallow initial weights, batch orders).
    /// - Returns: the last epoch's reconstruction loss per pixel of each layer's shallow model.
    /// - Throws: `TrainingError.diverged` when a shallow autoencoder diverges.
    public func run(random: inout RandomGenerator) throws -> [Double] {
        let a = config.architecture
        let widths = a.widths
        let depth = a.depth
        let n = images.count
        let b = config.batchSize
        var losses: [Double] = []
        for l in 0..<depth {
            let first = l == 0
            let shallow = Architecture(
                inputSize: widths[l], encoderSizes: [widths[l + 1]],
                hiddenActivation: a.activation(ofLayer: l), codeActivation: a.activation(ofLayer: l),
                outputActivation: first ? a.outputActivation : .identity, tiedWeights: a.tiedWeights)
            let loss: ReconstructionLoss = first ? config.loss : .mse
            let net = Autoencoder<Float>(architecture: shallow, batchCapacity: b, random: &random)
            let weights = net.layout.tensors.filter { $0.name.hasSuffix("weight") }.map {
                $0.offset..<($0.offset + $0.count)
            }
            let optimizer = Optimizer(
                settings: config.optimizer, parameterCount: net.layout.count, decayRanges: weights)
            let objective = BackpropObjective(
                model: net,
                regularizer: CodeRegularizer<Float>(regularization: .none, architecture: shallow, capacity: b),
                loss: loss)
            let layerInput = FloatBuffer(count: b * widths[l])
            var last = 0.0
            for _ in 0..<config.pretrainEpochsPerLayer {
                let order = random.permutation(count: n)
                var sum = 0.0
                for batch in InspectionBatches(count: n, batchSize: b) {
                    let size = batch.count
                    encode(indices: order[batch], throughLayers: l, into: layerInput)
                    let terms = objective.run(
                        input: layerInput.pointer, target: layerInput.pointer, batch: size, gradients: true)
                    guard terms.total.isFinite else {
                        throw TrainingError.diverged(
                            step: 0, layer: "pretraining of encoder.\(l)", detail: "the loss is \(terms.total)")
                    }
                    optimizer.update(parameters: net.parameters, gradients: net.gradients)
                    sum += terms.reconstructionPerPixel * Double(size)
                }
                last = sum / Double(n)
            }
            losses.append(last)
            copy(net, intoEncoderLayer: l)
        }
        return losses
    }

    /// h_l of the images at `indices`: the first `count` encoder layers of the deep model.
    private func encode(indices: ArraySlice<Int32>, throughLayers count: Int, into destination: FloatBuffer) {
        let size = indices.count
        images.fill(input.pointer, indices: indices)
        guard count > 0 else {
            destination.pointer.update(from: input.pointer, count: size * config.architecture.inputSize)
            return
        }
        let p = UnsafePointer(model.parameters.pointer)
        let widest = config.architecture.widths.max() ?? 1
        let ping = FloatBuffer(count: size * widest)
        let pong = FloatBuffer(count: size * widest)
        var source = UnsafePointer(input.pointer)
        for l in 0..<count {
            let target = l % 2 == 0 ? ping : pong
            model.layout.layers[l].forward(input: source, output: target.pointer, batch: size, parameters: p)
            source = UnsafePointer(target.pointer)
        }
        destination.pointer.update(from: source, count: size * model.layout.layers[count - 1].outputSize)
    }

    /// Copies the shallow model's encoder into encoder layer l and its decoder into the mirror.
    private func copy(_ net: Autoencoder<Float>, intoEncoderLayer l: Int) {
        let layers = model.layout.layers
        let mirror = layers.count - 1 - l
        let source = net.layout.layers
        let p = model.parameters.pointer
        let q = net.parameters.pointer
        func copyLayer(_ from: DenseLayer, _ to: DenseLayer) {
            if !to.usesTransposedWeight {
                (p + to.weightOffset).update(from: q + from.weightOffset, count: to.inputSize * to.outputSize)
            }
            (p + to.biasOffset).update(from: q + from.biasOffset, count: to.outputSize)
        }
        copyLayer(source[0], layers[l])
        copyLayer(source[1], layers[mirror])
    }
}
