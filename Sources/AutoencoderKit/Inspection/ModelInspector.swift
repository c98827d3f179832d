// ModelInspector: reading a model without changing it: validation loss on clean and corrupted
// inputs, probes (reconstructions and codes of chosen images) and the batched forward pass the
// other readings share. Decoding, the encoder's Jacobian, filters, code statistics, anomaly
// scores and squared error are in the ModelInspector+*.swift files beside this one.
//
// Every reading decodes a VAE's mean code (z = μ) and applies k-sparse selection as in
// training (the Jacobian norm reads the encoder's plain output), walks `InspectionBatches`,
// and leaves the model's parameters and the run's generator untouched.
//
// Shapes: B = batch, D = input (784), H = code units.

/// Reads one model: losses, codes, reconstructions, filters and statistics, a batch at a time.
/// A `Trainer` hands one out as `trainer.inspector`; it shares the trainer's batch buffers, so
/// use it on the queue that owns the trainer.
public struct ModelInspector {
    /// The model read.
    public let model: Autoencoder<Float>
    /// The run's configuration: batch size, architecture, loss, seed, k-sparse selection.
    public let config: TrainingConfig
    /// The run's code regularizer; only its code transform (k-sparse selection) is used.
    let regularizer: CodeRegularizer<Float>
    /// B × D values: the batch of images read.
    let input: FloatBuffer
    /// B × D values the loss may write into.
    let scratch: FloatBuffer

    /// An inspector with its own batch buffers.
    public init(model: Autoencoder<Float>, config: TrainingConfig, regularizer: CodeRegularizer<Float>) {
        let size = config.batchSize * config.architecture.inputSize
        self.init(
            model: model, config: config, regularizer: regularizer,
            input: FloatBuffer(count: size), scratch: FloatBuffer(count: size))
    }

    /// An inspector that reads batches into `input` and lets the loss use `scratch`
    /// (each of batchSize × inputSize values).
    init(
        model: Autoencoder<Float>, config: TrainingConfig, regularizer: CodeRegularizer<Float>,
        input: FloatBuffer, scratch: FloatBuffer
    ) {
        self.model = model
        self.config = config
        self.regularizer = regularizer
        self.input = input
        self.scratch = scratch
    }

    /// Reconstruction loss over a whole set, in batches, without changing anything.
    public func evaluate(_ set: ImageSet) -> LossSummary {
        evaluate(set, corruption: nil)
    }

    /// Reconstruction loss of corrupted inputs against the clean ones. The corruption is drawn
    /// from a generator seeded by the run's seed, so every epoch sees the same corrupted set
    /// and the run's own generator is untouched.
    public func evaluateCorrupted(_ set: ImageSet, corruption: CorruptionSettings) -> LossSummary {
        evaluate(set, corruption: corruption)
    }

    private func evaluate(_ set: ImageSet, corruption: CorruptionSettings?) -> LossSummary {
        let b = config.batchSize
        let d = config.architecture.inputSize
        var noiseSource = RandomGenerator(seed: config.seed ^ 0x5EED_C0DE)
        let corruptedBatch = corruption == nil ? nil : FloatBuffer(count: b * d)
        var total = 0.0
        for batch in InspectionBatches(count: set.count, batchSize: b) {
            let size = batch.count
            set.fill(input.pointer, indices: batch.int32)
            var source = UnsafePointer(input.pointer)
            if let corruption, let corruptedBatch {
                corruption.corrupt(source, into: corruptedBatch.pointer, count: size * d, random: &noiseSource)
                source = UnsafePointer(corruptedBatch.pointer)
            }
            model.forward(source, batch: size, codeTransform: regularizer.codeTransform)
            total += config.loss.evaluate(
                logits: model.outputLogits, output: model.reconstruction, target: input.pointer,
                count: size * d, outputActivation: config.architecture.outputActivation,
                gradient: nil, scale: 1, scratch: scratch.pointer)
        }
        let n = max(set.count, 1)
        return LossSummary(perPixel: total / Double(n * d), perImage: total / Double(n), count: set.count)
    }

    /// Reconstructions and codes of the images at `indices` of `set`.
    /// - Returns: per image, the reconstruction (D values in the output's range) and the code (H).
    public func probe(_ set: ImageSet, indices: [Int]) -> (reconstructions: [[Float]], codes: [[Float]]) {
        let d = config.architecture.inputSize
        let h = config.architecture.codeSize
        var reconstructions: [[Float]] = []
        var codes: [[Float]] = []
        for batch in InspectionBatches(count: indices.count, batchSize: config.batchSize) {
            let size = batch.count
            set.fill(input.pointer, indices: indices[batch].map { Int32($0) })
            model.forward(input.pointer, batch: size, codeTransform: regularizer.codeTransform)
            for row in 0..<size {
                reconstructions.append(Array(UnsafeBufferPointer(start: model.reconstruction + row * d, count: d)))
                codes.append(Array(UnsafeBufferPointer(start: model.code + row * h, count: h)))
            }
        }
        return (reconstructions, codes)
    }

    /// Runs the model forward over the first `count` images of `set` (all by default),
    /// `batchSize` at a time, and calls `body` with each batch's index range while the model
    /// holds that batch's code and reconstruction; the model's parameters do not change.
    /// - Parameter codeTransform: apply the regularizer's code transform (k-sparse selection)
    ///   as in training; false runs the encoder's plain output.
    func forwardInBatches(_ set: ImageSet, count: Int? = nil, codeTransform: Bool = true, _ body: (Range<Int>) -> Void)
    {
        let transform = codeTransform ? regularizer.codeTransform : nil
        for batch in InspectionBatches(count: min(count ?? set.count, set.count), batchSize: config.batchSize) {
            set.fill(input.pointer, indices: batch.int32)
            model.forward(input.pointer, batch: batch.count, codeTransform: transform)
            body(batch)
        }
    }
}
