// Trainer: mini-batch training of one autoencoder on one dataset, a batch at a time.
//
// One step: fill the batch from the epoch's shuffled order -> the model kind's rule
// (back-propagation of reconstruction loss + penalties, PSD, or recirculation) writes
// model.gradients -> optimizer update -> divergence check. See `Trainer+Steps.swift` for the
// rules; reading the model (validation, probes, decoding, filters, statistics) is
// `ModelInspector` (Inspection/), handed out as `inspector`.
// The objective is the reconstruction loss averaged over batch and pixels, plus each penalty
// per example averaged over the batch (see Regularization).
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
    /// Each penalty's value on this batch (empty without penalties).
    public var penalties: [PenaltyValue] = []
}

/// Trains one model on one dataset; not thread-safe (the session owns it on one queue).
public final class Trainer {
    /// The run's configuration; its regularization strengths may change during a run
    /// (`scaleRegularization`); the current learning rate is `optimizer.settings`.
    public private(set) var config: TrainingConfig
    public let dataset: Dataset
    public let model: Autoencoder<Float>
    public let optimizer: Optimizer
    /// Where the run stands: counters, generators, the unfinished epoch's sums, the record of
    /// finished epochs, pretraining and lineage; checkpoints and forks save it and restore it
    /// whole (`resume(from:)`).
    public private(set) var state: TrainerState
    /// The run's generator: every random choice draws from it.
    public var random: RandomGenerator { state.random }
    /// The generator as it was when the current epoch's batch order was drawn.
    public var epochStartRandom: RandomGenerator { state.epochStartRandom }
    /// Completed epochs.
    public var epoch: Int { state.epoch }
    /// Batches done in the current epoch.
    public var batchInEpoch: Int { state.batchInEpoch }
    /// Batches since the start.
    public var step: Int { state.step }
    /// Metrics of the finished epochs (see EpochRecord).
    public var record: EpochRecord { state.record }
    /// True once greedy layer-wise pretraining has run (or when it is off).
    public var pretrained: Bool { state.pretrained }
    /// Reconstruction loss per layer of the greedy pretraining, once it has run.
    public var pretrainingLosses: [Double] { state.pretrainingLosses }
    /// Where this run forked from (nil for a run started from its seed); see Trainer+Fork.
    public var lineage: RunLineage? { state.lineage }
    /// Code penalties and k-sparse selection of the back-propagation rule.
    public let regularizer: CodeRegularizer<Float>

    var order: [Int32] = []
    let input: FloatBuffer
    let corrupted: FloatBuffer
    let noise: FloatBuffer
    let scratch: FloatBuffer
    let lastGood: FloatBuffer
    let objective: BackpropObjective<Float>
    let psdRule: PredictiveSparseDecomposition<Float>?
    let recirculationRule: Recirculation<Float>?

    /// What is wrong when the images do not fit the model, and what to pass instead.
    static func sizeMismatch(_ dataset: Dataset, inputSize: Int) -> String {
        let set = dataset.train
        let side = Int(Double(inputSize).squareRoot().rounded())
        let square = side * side == inputSize
        let wanted = square ? "\(side)x\(side) images (\(inputSize) pixels)" : "images of \(inputSize) pixels"
        let npy = square ? "(N, \(side), \(side)) or (N, \(inputSize))" : "(N, \(inputSize))"
        return "\(dataset.source ?? dataset.name): images are \(set.rows)x\(set.columns) "
            + "(\(set.pixelsPerImage) pixels), but the model takes \(wanted); "
            + "pass such images (IDX, or .npy shaped \(npy)), or crop or resize these first"
    }

    /// Builds the model from the seed.
    /// With `config.holdoutClass` set, trains on `dataset` without that class (Dataset+Holdout).
    /// - Throws: `TrainingError.invalidConfiguration` or `.dataMismatch`, before any work.
    public init(config: TrainingConfig, dataset: Dataset) throws {
        let problems = config.validationErrors()
        guard problems.isEmpty else { throw TrainingError.invalidConfiguration(problems) }
        guard dataset.train.pixelsPerImage == config.architecture.inputSize else {
            throw TrainingError.dataMismatch(Self.sizeMismatch(dataset, inputSize: config.architecture.inputSize))
        }
        guard dataset.train.count > 0, dataset.validation.count > 0 else {
            throw TrainingError.dataMismatch("\(dataset.name) has no training or validation images")
        }
        self.config = config
        do {
            self.dataset = try config.holdoutClass.map(dataset.holdingOut) ?? dataset
        } catch {
            throw TrainingError.dataMismatch("\(error)")
        }
        // the penalty count is known once the regularizer is built (end of init)
        state = TrainerState(seed: config.seed, penaltyCount: 0, pretrained: config.pretrainEpochsPerLayer == 0)
        model = Autoencoder<Float>(
            architecture: config.architecture, batchCapacity: config.batchSize, random: &state.random)
        let decay = model.layout.tensors.filter { $0.name.hasSuffix("weight") }.map {
            $0.offset..<($0.offset + $0.count)
        }
        optimizer = Optimizer(settings: config.optimizer, parameterCount: model.layout.count, decayRanges: decay)
        let d = config.architecture.inputSize
        input = FloatBuffer(count: config.batchSize * d)
        corrupted = FloatBuffer(count: config.regularization.denoising == nil ? 0 : config.batchSize * d)
        noise = FloatBuffer(count: config.kind == .vae ? config.batchSize * config.architecture.codeSize : 0)
        scratch = FloatBuffer(count: config.batchSize * d)
        lastGood = FloatBuffer(count: model.layout.count)
        regularizer = CodeRegularizer<Float>(
            regularization: config.regularization, architecture: config.architecture,
            capacity: config.batchSize, variationalWeight: config.kind == .vae ? config.vae.beta : nil)
        objective = BackpropObjective(model: model, regularizer: regularizer, loss: config.loss)
        psdRule =
            config.kind == .psd
            ? PredictiveSparseDecomposition(model: model, settings: config.psd, loss: config.loss) : nil
        recirculationRule =
            config.kind == .recirculation ? Recirculation(model: model, settings: config.recirculation) : nil
        state.epochPenaltySums = [Double](repeating: 0, count: penaltyNames.count)
    }

    /// Reads this run's model (losses, probes, decoding, filters, statistics) without changing
    /// it; shares the trainer's batch buffers, so use it on the queue that owns the trainer.
    public var inspector: ModelInspector {
        ModelInspector(model: model, config: config, regularizer: regularizer, input: input, scratch: scratch)
    }

    /// The kept epochs' metrics, oldest first; the last is the newest finished epoch.
    public var history: [EpochMetrics] { record.entries }

    /// Batches in one epoch (the last one may be smaller).
    public var batchesPerEpoch: Int {
        (dataset.train.count + config.batchSize - 1) / config.batchSize
    }

    /// Names of the penalty terms this run reports, in order ("l1", "kl", "psd_l1", ...).
    public var penaltyNames: [String] {
        switch config.kind {
        case .autoencoder, .vae: return regularizer.penaltyNames
        case .psd: return ["psd_l1", "psd_prediction"]
        case .recirculation: return []
        }
    }

    /// Trains one batch; starts a new shuffled epoch when the previous one is complete. The
    /// first call of a run with greedy pretraining runs the pretraining first.
    /// - Throws: `TrainingError.diverged` when the loss or a parameter is not finite; the
    ///   parameters are then the ones before this step.
    @discardableResult
    public func trainBatch() throws -> BatchResult {
        if !pretrained { try pretrainLayerwise() }
        let started = DispatchTime.now().uptimeNanoseconds
        if state.batchInEpoch == 0 {
            state.epochStartRandom = state.random
            order = state.random.permutation(count: dataset.train.count)
        }
        let b = config.batchSize
        let start = state.batchInEpoch * b
        let size = min(b, order.count - start)
        dataset.train.fill(input.pointer, indices: order[start..<(start + size)])

        let terms = computeGradients(batch: size, random: &state.random)
        let lossPerPixel = terms.reconstructionPerPixel
        guard terms.total.isFinite else {
            throw TrainingError.diverged(
                step: step + 1, layer: firstNonFiniteLayer(batch: size),
                detail: "the objective is \(terms.total) (reconstruction \(lossPerPixel))")
        }
        // the update keeps the parameters it replaces in lastGood and checks the new ones
        let outcome = optimizer.update(parameters: model.parameters, gradients: model.gradients, previous: lastGood)
        let norm = outcome.gradientNorm
        if !outcome.finite {
            let layer = firstNonFiniteParameterLayer()
            model.parameters.copy(from: lastGood)
            throw TrainingError.diverged(step: step + 1, layer: layer, detail: "a parameter became NaN or Inf")
        }
        regularizer.commit()
        state.step += 1
        state.batchInEpoch += 1
        state.epochLossSum += lossPerPixel * Double(size)
        for (index, penalty) in terms.penalties.enumerated() where index < state.epochPenaltySums.count {
            state.epochPenaltySums[index] += penalty.value * Double(size)
        }
        state.epochSamples += size
        state.epochSeconds += Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let ended = state.batchInEpoch == batchesPerEpoch
        if ended { finishEpoch() }
        return BatchResult(
            lossPerPixel: lossPerPixel, size: size, gradientNorm: norm, endedEpoch: ended, penalties: terms.penalties)
    }

    /// Trains until the current epoch ends.
    /// - Returns: the finished epoch's metrics.
    @discardableResult
    public func trainEpoch() throws -> EpochMetrics {
        while true {
            if try trainBatch().endedEpoch, let last = history.last { return last }
        }
    }

    /// Runs greedy pretraining now (the first `trainBatch` does it when the config asks); see
    /// `LayerwisePretraining`. Its draws come from the run's generator.
    /// - Throws: `TrainingError.diverged` when a shallow autoencoder diverges.
    public func pretrainLayerwise() throws {
        state.pretrained = true
        state.pretrainingLosses = try LayerwisePretraining(config: config, images: dataset.train, model: model)
            .run(random: &state.random)
    }

    /// Puts the run where `saved` stands (a checkpoint's or a fork's state); see
    /// `TrainerState.resumable`. A mid-epoch position rebuilds the epoch's batch order from the
    /// generator state it was drawn with.
    func resume(from saved: TrainerState) {
        state = saved.resumable(batchesPerEpoch: batchesPerEpoch, penaltyCount: penaltyNames.count)
        if state.batchInEpoch > 0 {
            var replay = state.epochStartRandom
            order = replay.permutation(count: dataset.train.count)
        }
    }

    /// Draws from now on what `other` draws (a pair shuffles its batches alike; Trainer+Pairing).
    func drawLike(_ other: Trainer) { state.random = other.state.random }

    private func finishEpoch() {
        let inspector = self.inspector
        let validation = inspector.evaluate(dataset.validation)
        let statistics = inspector.codeStatistics(of: dataset.validation)
        state.epoch += 1
        let samples = Double(max(state.epochSamples, 1))
        var metrics = EpochMetrics(
            epoch: epoch, step: step, loss: config.loss,
            trainLossPerPixel: state.epochLossSum / samples,
            validationLossPerPixel: validation.perPixel,
            pixelsPerImage: config.architecture.inputSize, seconds: state.epochSeconds,
            samplesPerSecond: Double(state.epochSamples) / max(state.epochSeconds, 1e-9),
            learningRate: optimizer.settings.learningRate)
        metrics.penalties = zip(penaltyNames, state.epochPenaltySums).map {
            PenaltyValue(name: $0, value: $1 / samples)
        }
        metrics.validationCorruptedLossPerPixel = config.regularization.denoising.map {
            inspector.evaluateCorrupted(dataset.validation, corruption: $0).perPixel
        }
        metrics.meanCodeActivation = Double(statistics.meanActivation)
        metrics.nearZeroShare = Double(statistics.nearZeroShare)
        metrics.deadUnits = statistics.deadUnits
        metrics.meanJacobianFrobenius = inspector.meanJacobianFrobenius(dataset.validation)
        state.record.append(metrics)
        state.batchInEpoch = 0
        state.clearEpochSums()
    }

    /// Sets the learning rate from now on (recorded in the next epoch's metrics).
    /// (The current rate lives in `optimizer.settings`, which checkpoints save beside the
    /// run's original configuration.)
    public func setLearningRate(_ rate: Float) { optimizer.settings.learningRate = rate }

    /// Multiplies every regularization strength by `factor`: each code penalty's strengths
    /// (the L1 λ, the KL β, ...: CodePenalty.strengths) and the denoising noise level (kept at
    /// most 1).
    /// - Returns: the new strengths as text ("l1 6e-4"), or nil when the run has none.
    /// - Parameters: penalties, corruption: which strengths change (both unless told).
    public func scaleRegularization(by factor: Float, penalties: Bool = true, corruption: Bool = true) -> String? {
        var r = config.regularization
        var parts: [String] = []
        for (penalty, values) in r.activePenalties where penalties {
            var scaled = values
            for p in penalty.strengths {
                guard let value = values[p.key] else { continue }
                scaled[p.key] = value * factor
                // "l1 0.0002" for a one-parameter penalty, else "kl beta 0.2"
                parts.append(
                    ([penalty.name] + (penalty.parameters.count == 1 ? [] : [p.key]) + ["\(value * factor)"]).joined(
                        separator: " "))
            }
            r.penalties[penalty.name] = scaled
        }
        if corruption, var noise = r.denoising {
            noise.level = min(noise.level * factor, 1)
            r.denoising = noise
            parts.append("\(noise.kind.rawValue) noise \(noise.level)")
        }
        guard !parts.isEmpty else { return nil }
        config.regularization = r
        regularizer.setStrengths(r)
        return parts.joined(separator: ", ")
    }

    func firstNonFiniteLayer(batch: Int) -> String {
        for (index, layer) in model.layout.layers.enumerated() {
            let out = model.layerOutput(index)
            for i in 0..<(batch * layer.outputSize) where !out[i].isFinite {
                return model.layout.layerName(index)
            }
        }
        // every activation is finite but the loss overflowed: the output layer is to blame
        return model.layout.layerName(model.layout.layers.count - 1) + " (output too large for the loss)"
    }

    func firstNonFiniteParameterLayer() -> String {
        let p = model.parameters.pointer
        for i in 0..<model.parameters.count where !p[i].isFinite {
            return model.layout.layerName(containing: i)
        }
        return "unknown layer"
    }
}
