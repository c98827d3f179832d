// Trainer+Evaluation: validation loss on clean and corrupted inputs, and probes, all without
// changing the model or the run's generator (code statistics are in CodeStatistics+Measure.swift,
// the encoder's Jacobian norm in Trainer+Inspection.swift).
//
// Evaluation decodes a VAE's mean code (z = μ) and applies k-sparse selection as in training.

extension Trainer {
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
    func forwardInBatches(_ set: ImageSet, count: Int? = nil, codeTransform: Bool = true, _ body: (Range<Int>) -> Void) {
        let transform = codeTransform ? regularizer.codeTransform : nil
        for batch in InspectionBatches(count: min(count ?? set.count, set.count), batchSize: config.batchSize) {
            set.fill(input.pointer, indices: batch.int32)
            model.forward(input.pointer, batch: batch.count, codeTransform: transform)
            body(batch)
        }
    }
}
