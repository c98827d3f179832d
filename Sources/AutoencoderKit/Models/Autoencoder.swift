// Autoencoder: encoder h = f(x), decoder r = g(h), as one stack of dense layers over a flat
// parameter buffer, with forward and backward passes for a batch.
//
// Shapes: B = batch, D = input (784), H = code units, widths[i] for layer i's output.
// Goodfellow, Bengio and Courville, Deep Learning, ch. 14.1: the model is trained to make
// r = g(f(x)) close to x under a loss L(x, r) plus a penalty Ω(h).
//
// Stochastic code (VAE; Kingma and Welling, 2014, the reparameterization trick): the code
// layer outputs s = [μ | log σ²] (B×2H, identity activation) and the decoder reads
//   z = μ + σ ⊙ ε,  σ = exp(½ log σ²),  ε ~ N(0, I) given by the caller (z = μ without noise).
// Backward: dμ = dz, d log σ² = dz ⊙ ε ⊙ σ / 2; the code hook then sees (s, ds) so the KL
// term adds its gradient there.
//
// Threads: each layer runs in parts on the engine's WorkTeam (forward and dx by batch rows,
// dW by weight rows, db by outputs), one join per layer; the code layer's hooks (k-sparse
// selection, sampling, penalties) run whole on the caller. Batches under 32 rows run on one thread.

/// A dense autoencoder with its parameters, gradients and per-batch workspace.
public final class Autoencoder<T: EngineScalar> {
    public let architecture: Architecture
    public let layout: ParameterLayout
    /// All weights and biases, in `layout` order.
    public let parameters: Buffer<T>
    /// dLoss/dparameters, same layout; zeroed by `zeroGradients()`.
    public let gradients: Buffer<T>
    /// Largest batch the workspace holds.
    public private(set) var capacity: Int
    /// Outputs of each layer after its activation, B×widths[i+1] each.
    private(set) var activations: [Buffer<T>]
    /// Output-layer pre-activation (logits), B×D.
    private(set) var logits: Buffer<T>
    /// Two ping-pong gradient buffers of B×max(width).
    private var scratchA: Buffer<T>
    private var scratchB: Buffer<T>
    /// Stochastic code only: z (B×H), the noise ε of the last forward (B×H), and d[μ|log σ²].
    private var sampledCode: Buffer<T>
    private var noiseCopy: Buffer<T>
    private var statisticsGradient: Buffer<T>

    /// Builds the model with Glorot-uniform (He-normal for ReLU-like layers) weights, zero biases.
    public init(architecture: Architecture, batchCapacity: Int = 128, random: inout RandomGenerator) {
        self.architecture = architecture
        layout = ParameterLayout(architecture: architecture)
        parameters = Buffer<T>(count: layout.count)
        gradients = Buffer<T>(count: layout.count)
        capacity = 0
        activations = []
        logits = Buffer<T>(count: 0)
        scratchA = Buffer<T>(count: 0)
        scratchB = Buffer<T>(count: 0)
        sampledCode = Buffer<T>(count: 0)
        noiseCopy = Buffer<T>(count: 0)
        statisticsGradient = Buffer<T>(count: 0)
        initializeParameters(random: &random)
        reserve(batch: max(1, batchCapacity))
    }

    /// Glorot uniform U(±√(6/(I+O))) for sigmoid/tanh/identity layers (Glorot and Bengio, 2010);
    /// He normal N(0, 2/I) for ReLU-like layers (He et al., 2015). Biases start at zero.
    public func initializeParameters(random: inout RandomGenerator) {
        parameters.zero()
        for layer in layout.layers where !layer.usesTransposedWeight {
            let count = layer.inputSize * layer.outputSize
            let w = parameters.pointer + layer.weightOffset
            switch layer.activation {
            case .relu, .leakyReLU:
                let std = (2.0 / Double(layer.inputSize)).squareRoot()
                for i in 0..<count { w[i] = T(Double(random.nextNormal()) * std) }
            default:
                let limit = (6.0 / Double(layer.inputSize + layer.outputSize)).squareRoot()
                for i in 0..<count { w[i] = T((Double(random.nextUniform()) * 2 - 1) * limit) }
            }
        }
    }

    /// Makes the workspace hold batches of up to `batch` rows.
    public func reserve(batch: Int) {
        guard batch > capacity else { return }
        capacity = batch
        activations = layout.layers.map { Buffer<T>(count: batch * $0.outputSize) }
        logits = Buffer<T>(count: batch * architecture.inputSize)
        let widest = layout.layers.map { max($0.inputSize, $0.outputSize) }.max() ?? 1
        scratchA = Buffer<T>(count: batch * widest)
        scratchB = Buffer<T>(count: batch * widest)
        let h = architecture.stochasticCode ? architecture.codeSize : 0
        sampledCode = Buffer<T>(count: batch * h)
        noiseCopy = Buffer<T>(count: batch * h)
        statisticsGradient = Buffer<T>(count: batch * 2 * h)
    }

    /// The team that runs this model's layers in parts (the engine's shared one unless set).
    public var team: WorkTeam? = nil
    private var currentTeam: WorkTeam { team ?? WorkTeam.shared }

    /// How many parts a batch of `batch` rows is split into: one below 32 rows (not worth a
    /// thread's hand-over), else the team's size.
    func parts(batch: Int) -> Int { batch >= 32 ? currentTeam.size : 1 }

    /// Index of the code layer (the encoder's last layer) in the stack.
    public var codeLayerIndex: Int { architecture.depth - 1 }

    /// h of the last forward pass: B×H, row-major (for a stochastic code, the sample z the
    /// decoder read, which is μ when the forward pass had no noise).
    public var code: UnsafeMutablePointer<T> {
        architecture.stochasticCode ? sampledCode.pointer : activations[codeLayerIndex].pointer
    }

    /// The code layer's own output: h, or [μ | log σ²] (B×2H) for a stochastic code.
    public var codeLayerOutput: UnsafeMutablePointer<T> { activations[codeLayerIndex].pointer }

    /// r of the last forward pass: B×D, after the output activation.
    public var reconstruction: UnsafeMutablePointer<T> { activations[activations.count - 1].pointer }

    /// Output-layer pre-activations of the last forward pass: B×D.
    public var outputLogits: UnsafeMutablePointer<T> { logits.pointer }

    /// Output of layer `index` of the last forward pass.
    public func layerOutput(_ index: Int) -> UnsafeMutablePointer<T> { activations[index].pointer }

    /// Runs x[B×D] through every layer; afterwards `code`, `outputLogits` and `reconstruction`
    /// hold this batch's values.
    /// - Parameters:
    ///   - noise: ε (B×H) for a stochastic code, z = μ + σ·ε; nil decodes z = μ. Ignored for a
    ///     deterministic code.
    ///   - codeTransform: applied to h in place before decoding (k-sparse selection,
    ///     for example); nil keeps h as the encoder produced it.
    /// - Precondition: `batch <= capacity`.
    public func forward(
        _ x: UnsafePointer<T>, batch: Int, noise: UnsafePointer<T>? = nil,
        codeTransform: ((UnsafeMutablePointer<T>, Int) -> Void)? = nil
    ) {
        precondition(batch <= capacity, "batch \(batch) exceeds workspace \(capacity)")
        var input = x
        for index in layout.layers.indices {
            let out = forwardLayer(index, input: input, batch: batch)
            if index == codeLayerIndex, let codeTransform { codeTransform(out, batch) }
            input = UnsafePointer(out)
            if index == codeLayerIndex && architecture.stochasticCode {
                sample(statistics: out, noise: noise, batch: batch)
                input = UnsafePointer(sampledCode.pointer)
            }
        }
    }

    /// z = μ + exp(½ log σ²)·ε into `sampledCode`, keeping ε for the backward pass.
    private func sample(statistics s: UnsafePointer<T>, noise: UnsafePointer<T>?, batch: Int) {
        let h = architecture.codeSize
        let z = sampledCode.pointer
        let e = noiseCopy.pointer
        if let noise { e.update(from: noise, count: batch * h) } else { e.update(repeating: 0, count: batch * h) }
        for row in 0..<batch {
            let mu = s + row * 2 * h
            let logVariance = mu + h
            for j in 0..<h { z[row * h + j] = mu[j] + T.exp(logVariance[j] / 2) * e[row * h + j] }
        }
    }

    /// Runs only the decoder on codes z[B×H]; afterwards `outputLogits` and `reconstruction`
    /// hold r = g(z). (The code buffer is left as it was.)
    /// - Precondition: `batch <= capacity`.
    public func decode(_ z: UnsafePointer<T>, batch: Int) {
        precondition(batch <= capacity, "batch \(batch) exceeds workspace \(capacity)")
        var input = z
        for index in (codeLayerIndex + 1)..<layout.layers.count {
            input = UnsafePointer(forwardLayer(index, input: input, batch: batch))
        }
    }

    /// Runs layer `index` on `input` into its activation buffer and returns that buffer; the
    /// output layer also keeps its pre-activations in `logits` (the loss reads them).
    private func forwardLayer(_ index: Int, input: UnsafePointer<T>, batch: Int) -> UnsafeMutablePointer<T> {
        let layer = layout.layers[index]
        let p = UnsafePointer(parameters.pointer)
        let out = activations[index].pointer
        let isOutput = index == layout.layers.count - 1
        let logits = self.logits.pointer
        currentTeam.run(parts: parts(batch: batch)) { part in
            let rows = part.share(of: batch, alignment: 16)
            guard !rows.isEmpty else { return }
            let x = input + rows.lowerBound * layer.inputSize
            let offset = rows.lowerBound * layer.outputSize
            let count = rows.count * layer.outputSize
            if isOutput {
                layer.forwardLinear(input: x, output: logits + offset, batch: rows.count, parameters: p)
                (out + offset).update(from: logits + offset, count: count)
                layer.activation.forward(out + offset, count: count)
            } else {
                layer.forward(input: x, output: out + offset, batch: rows.count, parameters: p)
            }
        }
        return out
    }

    /// Decodes `count` codes drawn from the prior N(0, I): new images from a VAE.
    /// - Returns: `count` reconstructions of D values each.
    public func decodePrior(count: Int, random: inout RandomGenerator) -> [[T]] {
        let h = architecture.codeSize
        let d = architecture.inputSize
        var images: [[T]] = []
        let z = Buffer<T>(count: capacity * h)
        for batch in InspectionBatches(count: count, batchSize: capacity) {
            let size = batch.count
            for i in 0..<(size * h) { z[i] = T(random.nextNormal()) }
            decode(UnsafePointer(z.pointer), batch: size)
            for row in 0..<size {
                images.append(Array(UnsafeBufferPointer(start: reconstruction + row * d, count: d)))
            }
        }
        return images
    }

    /// Sets every gradient to zero (call once per step, before `backward`).
    public func zeroGradients() {
        let g = gradients.pointer
        let count = gradients.count
        currentTeam.run(parts: count >= 65_536 ? currentTeam.size : 1) { part in
            let range = part.share(of: count, alignment: 16)
            (g + range.lowerBound).update(repeating: 0, count: range.count)
        }
    }

    /// Back-propagates from the output layer's pre-activation gradient, accumulating into
    /// `gradients`.
    /// - Parameters:
    ///   - x: the batch the last `forward` saw.
    ///   - outputGradient: dLoss/d(logits), B×D (the loss's fused gradient).
    ///   - codeGradient: called with (h, dLoss/dh) when the gradient reaches the code layer's
    ///     output, so penalties Ω(h) can add their own gradient there.
    public func backward(
        _ x: UnsafePointer<T>, batch: Int, outputGradient: UnsafePointer<T>,
        codeGradient: ((UnsafePointer<T>, UnsafeMutablePointer<T>) -> Void)? = nil
    ) {
        let p = UnsafePointer(parameters.pointer)
        let g = gradients.pointer
        let team = currentTeam
        let parts = parts(batch: batch)
        var dz = UnsafePointer(outputGradient)
        var useA = true
        for index in stride(from: layout.layers.count - 1, through: 0, by: -1) {
            let layer = layout.layers[index]
            var input = index == 0 ? x : UnsafePointer(activations[index - 1].pointer)
            if index == codeLayerIndex + 1 && architecture.stochasticCode { input = UnsafePointer(sampledCode.pointer) }
            let dx: UnsafeMutablePointer<T>? = index == 0 ? nil : (useA ? scratchA.pointer : scratchB.pointer)
            let below = index == 0 ? nil : layout.layers[index - 1]
            // below the code layer's output the hooks need the whole batch first: f' waits for them
            let derivativeInParts = index - 1 != codeLayerIndex
            let belowOutput: UnsafeMutablePointer<T>? = index == 0 ? nil : activations[index - 1].pointer
            let layerInput = input
            let layerGradient = dz
            team.run(parts: parts) { part in
                layer.accumulateWeightGradient(
                    rows: part.share(of: layer.storedWeightRows, alignment: 16), input: layerInput,
                    preactivationGradient: layerGradient, batch: batch, gradients: g)
                layer.accumulateBiasGradient(
                    outputs: part.share(of: layer.outputSize, alignment: 16), preactivationGradient: layerGradient,
                    batch: batch, gradients: g)
                guard let dx, let below, let belowOutput else { return }
                let rows = part.share(of: batch, alignment: 16)
                layer.inputGradient(rows: rows, preactivationGradient: layerGradient, inputGradient: dx, parameters: p)
                if derivativeInParts {
                    let offset = rows.lowerBound * below.outputSize
                    below.activation.backward(
                        output: belowOutput + offset, gradient: dx + offset, count: rows.count * below.outputSize)
                }
            }
            guard var dx, let below else { break }
            if !derivativeInParts {
                if architecture.stochasticCode {
                    dx = reparameterizationBackward(dz: UnsafePointer(dx), batch: batch)
                }
                if let codeGradient {
                    codeGradient(UnsafePointer(activations[index - 1].pointer), dx)
                }
                below.activation.backward(
                    output: activations[index - 1].pointer, gradient: dx, count: batch * below.outputSize)
            }
            dz = UnsafePointer(dx)
            useA.toggle()
        }
    }

    /// From dL/dz (B×H) to dL/d[μ | log σ²] (B×2H): dμ = dz, d log σ² = dz·ε·σ/2.
    private func reparameterizationBackward(dz: UnsafePointer<T>, batch: Int) -> UnsafeMutablePointer<T> {
        let h = architecture.codeSize
        let s = activations[codeLayerIndex].pointer
        let e = noiseCopy.pointer
        let ds = statisticsGradient.pointer
        for row in 0..<batch {
            for j in 0..<h {
                let g = dz[row * h + j]
                let sigma = T.exp(s[row * 2 * h + h + j] / 2)
                ds[row * 2 * h + j] = g
                ds[row * 2 * h + h + j] = g * e[row * h + j] * sigma / 2
            }
        }
        return ds
    }
}
