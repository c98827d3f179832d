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
        var start = 0
        while start < set.count {
            let size = min(b, set.count - start)
            set.fill(input.pointer, indices: (Int32(start)..<Int32(start + size)))
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
            start += size
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
        var start = 0
        while start < indices.count {
            let size = min(config.batchSize, indices.count - start)
            set.fill(input.pointer, indices: indices[start..<(start + size)].map { Int32($0) })
            model.forward(input.pointer, batch: size, codeTransform: regularizer.codeTransform)
            for row in 0..<size {
                reconstructions.append(Array(UnsafeBufferPointer(start: model.reconstruction + row * d, count: d)))
                codes.append(Array(UnsafeBufferPointer(start: model.code + row * h, count: h)))
            }
            start += size
        }
        return (reconstructions, codes)
    }
}
