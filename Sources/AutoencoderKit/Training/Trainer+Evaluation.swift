// Trainer+Evaluation: validation loss on clean and corrupted inputs, probes, code statistics
// and the contractive Jacobian norm, all without changing the model or the run's generator.
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

    /// Per-unit means, mean activation, share of |h| < 0.01 and dead units over `set`.
    public func codeStatistics(_ set: ImageSet) -> CodeStatistics {
        let h = config.architecture.codeSize
        var sums = [Double](repeating: 0, count: h)
        var alive = [Bool](repeating: false, count: h)
        var nearZero = 0
        var start = 0
        while start < set.count {
            let size = min(config.batchSize, set.count - start)
            set.fill(input.pointer, indices: (Int32(start)..<Int32(start + size)))
            model.forward(input.pointer, batch: size, codeTransform: regularizer.codeTransform)
            let code = model.code
            for row in 0..<size {
                for j in 0..<h {
                    let v = code[row * h + j]
                    sums[j] += Double(v)
                    if abs(v) < 0.01 { nearZero += 1 } else { alive[j] = true }
                }
            }
            start += size
        }
        let n = Double(max(set.count, 1))
        let means = sums.map { Float($0 / n) }
        return CodeStatistics(
            unitMeans: means, meanActivation: Float(sums.reduce(0, +) / (n * Double(max(h, 1)))),
            nearZeroShare: Float(Double(nearZero) / (n * Double(max(h, 1)))),
            deadUnits: alive.filter { !$0 }.count)
    }

    /// Mean ‖∂h/∂x‖_F over `set` for a one-layer encoder with a sigmoid, tanh or ReLU code
    /// (the contractive penalty's closed form), or nil for other models.
    public func meanJacobianFrobenius(_ set: ImageSet) -> Double? {
        let a = config.architecture
        guard a.depth == 1, !a.stochasticCode, config.regularization.kSparse == nil,
            let kind = ContractivePenalty.derivativeKind(a.codeActivation)
        else { return nil }
        let layer = model.layout.layers[0]
        var total = 0.0
        var start = 0
        while start < set.count {
            let size = min(config.batchSize, set.count - start)
            set.fill(input.pointer, indices: (Int32(start)..<Int32(start + size)))
            model.forward(input.pointer, batch: size)
            let result = ContractivePenalty.apply(
                lambda: Float(1), kind: kind, code: model.code, batch: size, width: a.codeSize,
                weights: model.parameters.pointer + layer.weightOffset, inputSize: layer.inputSize,
                codeGradient: nil, weightGradient: nil)
            total += result.meanFrobenius * Double(size)
            start += size
        }
        return total / Double(max(set.count, 1))
    }
}
