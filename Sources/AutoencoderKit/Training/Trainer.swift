// Trainer: mini-batch training of one autoencoder on one dataset, a batch at a time.
//
// One step: fill the batch from the epoch's shuffled order -> forward -> loss and its
// gradient at the output logits -> backward -> optimizer update -> divergence check.
// The objective is the reconstruction loss averaged over batch and pixels.
// Every random choice draws from `random`, so seed and BLAS thread count fix the run.
import Foundation

/// What one training step produced.
public struct BatchResult: Sendable, Equatable {
    /// Reconstruction loss of the batch, per pixel.
    public var lossPerPixel: Double
    /// Examples in the batch.
    public var size: Int
    /// Gradient L2 norm before clipping.
    public var gradientNorm: Float
    /// True when this batch finished an epoch.
    public var endedEpoch: Bool
}

/// Trains one model on one dataset; not thread-safe (the session owns it on one queue).
public final class Trainer: @unchecked Sendable {
    public let config: TrainingConfig
    public let dataset: Dataset
    public let model: Autoencoder<Float>
    public let optimizer: Optimizer
    // The run's state below is `internal(set)`/`internal` (not private) so that
    // Trainer+Checkpoint.swift can restore it exactly from a checkpoint.
    public internal(set) var random: RandomGenerator
    /// The generator as it was when the current epoch's batch order was drawn; a mid-epoch
    /// checkpoint rebuilds the order from it.
    public internal(set) var epochStartRandom: RandomGenerator
    /// Completed epochs.
    public internal(set) var epoch = 0
    /// Batches done in the current epoch.
    public internal(set) var batchInEpoch = 0
    /// Batches since the start.
    public internal(set) var step = 0
    /// Metrics of every finished epoch.
    public internal(set) var history: [EpochMetrics] = []

    var order: [Int32] = []
    private let input: FloatBuffer
    private let outputGradient: FloatBuffer
    private let scratch: FloatBuffer
    private let lastGood: FloatBuffer
    var epochLossSum = 0.0
    var epochSamples = 0
    var epochSeconds = 0.0

    /// Builds the model from the seed.
    /// - Throws: `TrainingError.invalidConfiguration` or `.dataMismatch`, before any work.
    public init(config: TrainingConfig, dataset: Dataset) throws {
        let problems = config.validationErrors()
        guard problems.isEmpty else { throw TrainingError.invalidConfiguration(problems) }
        guard dataset.train.pixelsPerImage == config.architecture.inputSize else {
            throw TrainingError.dataMismatch(
                "\(dataset.name) images have \(dataset.train.pixelsPerImage) pixels but the model expects \(config.architecture.inputSize)")
        }
        guard dataset.train.count > 0, dataset.validation.count > 0 else {
            throw TrainingError.dataMismatch("\(dataset.name) has no training or validation images")
        }
        self.config = config
        self.dataset = dataset
        random = RandomGenerator(seed: config.seed)
        epochStartRandom = random
        model = Autoencoder<Float>(
            architecture: config.architecture, batchCapacity: config.batchSize, random: &random)
        let decay = model.layout.tensors.filter { $0.name.hasSuffix("weight") }.map { $0.offset..<($0.offset + $0.count) }
        optimizer = Optimizer(settings: config.optimizer, parameterCount: model.layout.count, decayRanges: decay)
        let d = config.architecture.inputSize
        input = FloatBuffer(count: config.batchSize * d)
        outputGradient = FloatBuffer(count: config.batchSize * d)
        scratch = FloatBuffer(count: config.batchSize * d)
        lastGood = FloatBuffer(count: model.layout.count)
    }

    /// Batches in one epoch (the last one may be smaller).
    public var batchesPerEpoch: Int {
        (dataset.train.count + config.batchSize - 1) / config.batchSize
    }

    /// Trains one batch; starts a new shuffled epoch when the previous one is complete.
    /// - Throws: `TrainingError.diverged` when the loss or a parameter is not finite; the
    ///   parameters are then the ones before this step.
    @discardableResult
    public func trainBatch() throws -> BatchResult {
        let started = DispatchTime.now().uptimeNanoseconds
        if batchInEpoch == 0 {
            epochStartRandom = random
            order = random.permutation(count: dataset.train.count)
        }
        let b = config.batchSize
        let start = batchInEpoch * b
        let size = min(b, order.count - start)
        let d = config.architecture.inputSize
        dataset.train.fill(input.pointer, indices: order[start..<(start + size)])

        model.forward(input.pointer, batch: size)
        let count = size * d
        let lossSum = config.loss.evaluate(
            logits: model.outputLogits, output: model.reconstruction, target: input.pointer,
            count: count, outputActivation: config.architecture.outputActivation,
            gradient: outputGradient.pointer, scale: 1 / Float(count), scratch: scratch.pointer)
        let lossPerPixel = lossSum / Double(count)
        guard lossPerPixel.isFinite else {
            throw TrainingError.diverged(
                step: step + 1, layer: firstNonFiniteLayer(batch: size), detail: "the loss is \(lossPerPixel)")
        }
        model.zeroGradients()
        model.backward(input.pointer, batch: size, outputGradient: outputGradient.pointer)
        lastGood.copy(from: model.parameters)
        let norm = optimizer.update(parameters: model.parameters, gradients: model.gradients)
        if !model.parameters.allFinite() {
            let layer = firstNonFiniteParameterLayer()
            model.parameters.copy(from: lastGood)
            throw TrainingError.diverged(step: step + 1, layer: layer, detail: "a parameter became NaN or Inf")
        }
        step += 1
        batchInEpoch += 1
        epochLossSum += lossSum / Double(d)
        epochSamples += size
        epochSeconds += Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let ended = batchInEpoch == batchesPerEpoch
        if ended { finishEpoch() }
        return BatchResult(lossPerPixel: lossPerPixel, size: size, gradientNorm: norm, endedEpoch: ended)
    }

    /// Trains until the current epoch ends.
    /// - Returns: the finished epoch's metrics.
    @discardableResult
    public func trainEpoch() throws -> EpochMetrics {
        while true {
            if try trainBatch().endedEpoch, let last = history.last { return last }
        }
    }

    private func finishEpoch() {
        let validation = evaluate(dataset.validation)
        epoch += 1
        history.append(
            EpochMetrics(
                epoch: epoch, step: step, loss: config.loss,
                trainLossPerPixel: epochLossSum / Double(max(epochSamples, 1)),
                validationLossPerPixel: validation.perPixel,
                pixelsPerImage: config.architecture.inputSize, seconds: epochSeconds,
                samplesPerSecond: Double(epochSamples) / max(epochSeconds, 1e-9),
                learningRate: optimizer.settings.learningRate))
        batchInEpoch = 0
        epochLossSum = 0
        epochSamples = 0
        epochSeconds = 0
    }

    /// Reconstruction loss over a whole set, in batches, without changing anything.
    public func evaluate(_ set: ImageSet) -> LossSummary {
        let b = config.batchSize
        let d = config.architecture.inputSize
        var total = 0.0
        var start = 0
        while start < set.count {
            let size = min(b, set.count - start)
            set.fill(input.pointer, indices: (Int32(start)..<Int32(start + size)))
            model.forward(input.pointer, batch: size)
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
            model.forward(input.pointer, batch: size)
            for row in 0..<size {
                reconstructions.append(Array(UnsafeBufferPointer(start: model.reconstruction + row * d, count: d)))
                codes.append(Array(UnsafeBufferPointer(start: model.code + row * h, count: h)))
            }
            start += size
        }
        return (reconstructions, codes)
    }

    /// Sets the learning rate from now on (recorded in the next epoch's metrics).
    public func setLearningRate(_ rate: Float) { optimizer.settings.learningRate = rate }

    /// The shuffled sample order of the current epoch (empty before the first batch).
    public var epochOrder: [Int32] { order }

    /// Makes this run start where `other` starts, for a paired comparison: every parameter
    /// tensor with the same name is copied from `other`, wholly when the shapes match, else the
    /// overlapping block (the first min(rows) × min(columns)), so with different code sizes the
    /// shared units still start alike. The random generator takes `other`'s state, so both runs
    /// shuffle their batches in the same order.
    /// - Returns: The names of the tensors copied, with " (partly)" for overlapping blocks.
    /// - Precondition: Neither run has trained yet (call right after both are built).
    @discardableResult
    public func shareInitialState(with other: Trainer) -> [String] {
        precondition(step == 0 && other.step == 0, "initial state can only be shared before training")
        var copied: [String] = []
        let p = model.parameters.pointer, q = other.model.parameters.pointer
        for tensor in model.layout.tensors {
            guard let source = other.model.layout.tensors.first(where: { $0.name == tensor.name }),
                source.shape.count == tensor.shape.count, (1...2).contains(tensor.shape.count)
            else { continue }
            let rows = tensor.shape.count == 2 ? min(tensor.shape[0], source.shape[0]) : 1
            let columns = min(tensor.shape.last ?? 0, source.shape.last ?? 0)
            let mineWidth = tensor.shape.last ?? 0, theirWidth = source.shape.last ?? 0
            for r in 0..<rows {
                (p + tensor.offset + r * mineWidth).update(from: q + source.offset + r * theirWidth, count: columns)
            }
            copied.append(tensor.name + (source.shape == tensor.shape ? "" : " (partly)"))
        }
        random = other.random
        return copied
    }

    private func firstNonFiniteLayer(batch: Int) -> String {
        for (index, layer) in model.layout.layers.enumerated() {
            let out = model.layerOutput(index)
            for i in 0..<(batch * layer.outputSize) where !out[i].isFinite {
                return model.layout.layerName(index)
            }
        }
        // every activation is finite but the loss overflowed: the output layer is to blame
        return model.layout.layerName(model.layout.layers.count - 1) + " (output too large for the loss)"
    }

    private func firstNonFiniteParameterLayer() -> String {
        let p = model.parameters.pointer
        for i in 0..<model.parameters.count where !p[i].isFinite {
            return model.layout.layerName(containing: i)
        }
        return "unknown layer"
    }
}
