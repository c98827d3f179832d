// RunController: one run inside the session: its trainer, status, loss history, and how it
// turns into a snapshot. Lives on the training queue only.
import AutoencoderKit
import Dispatch

/// A run's trainer plus what the screen needs about it.
final class RunController {
    private(set) var trainer: Trainer
    let dataset: Dataset
    var status: RunStatus
    /// Set when a step command is in progress: pause after this point.
    var stepUntil: StepTarget?
    private(set) var batchLoss = LossHistory()
    /// A note for the status line (saved, diverged, setting changed), with its own counter.
    var note: String? { didSet { noteIsError = false } }
    /// Whether the note reports a failure (a save that did not happen); set after the note.
    var noteIsError = false
    /// The epoch the run stops at, or nil when it trains until paused (the workbench's default).
    var epochLimit: Int?
    /// Runs with the same pair id started together and train in lockstep.
    var pairID: Int? { didSet { if pairID == nil { pairStart = nil } } }
    /// What a pair shares at the start, in words (see `TrainingSession.pairStart`).
    var pairStart: String?
    /// What the visible view needs (probe page, filters, scatter, walk).
    var display = DisplayRequest()
    /// The speed figures, measured the first time the help box asks (see Roofline).
    var roofline: Roofline?
    /// Reference lines for the loss chart, set by the session.
    var references: [ReferenceLine] = []
    /// Frames of past epochs for scrubbing.
    var history = EpochHistory()
    /// Caches of the costly view data, keyed by the step they were computed at.
    var scatterCache: (step: Int, value: CodeScatter?, plane: CodePlane?)?
    var filtersCache: (step: Int, value: [FilterSet])?
    var walkCache: (step: Int, request: WalkRequest, value: LatentWalk?)?
    /// The anomaly report, when it was finished and how long it took (see `anomaly()`).
    var anomalyCache: (step: Int, time: UInt64, cost: UInt64, value: AnomalyReport)?
    let probeCount: Int
    /// The fixed probes of the history frames: the first validation samples.
    let historyIndices: [Int]
    let statisticsIndices: [Int]
    private var throughputWindow: (started: UInt64, samples: Int) = (DispatchTime.now().uptimeNanoseconds, 0)
    var samplesPerSecond = 0.0
    /// Samples trained by this controller (not reset by `reset`; the session sums them).
    private(set) var samplesTrained = 0
    /// The last computed probe pictures and code statistics (see `currentVisuals`).
    var cachedVisuals: RunVisuals?

    enum StepTarget: Equatable {
        case batch
        case epochEnd
    }

    /// - Parameter openEnded: train until paused instead of stopping at `config.epochs`.
    convenience init(
        config: TrainingConfig, dataset: Dataset, paused: Bool, openEnded: Bool = false, probeCount: Int = 16
    ) throws {
        self.init(trainer: try Trainer(config: config, dataset: dataset), paused: paused, probeCount: probeCount)
        if openEnded { epochLimit = nil }
    }

    /// Wraps an existing trainer (a resumed checkpoint), keeping its history.
    init(trainer: Trainer, paused: Bool, probeCount: Int = 16) {
        self.trainer = trainer
        epochLimit = trainer.config.epochs
        let dataset = trainer.dataset
        self.dataset = dataset
        status = paused ? .paused : .running
        self.probeCount = min(probeCount, dataset.validation.count)
        historyIndices = Array(0..<self.probeCount)
        statisticsIndices = Array(0..<min(256, dataset.validation.count))
    }

    var config: TrainingConfig { trainer.config }

    /// Whether the trainer should run a batch now.
    var wantsBatch: Bool { status == .running || (status == .paused && stepUntil != nil) }

    /// Trains one batch and updates status for steps, the epoch limit and divergence.
    /// - Returns: true when an epoch ended or a step finished (publish right away).
    func trainOneBatch() -> Bool {
        do {
            let result = try trainer.trainBatch()
            batchLoss.add(step: trainer.step, loss: result.lossPerPixel)
            throughputWindow.samples += result.size
            samplesTrained += result.size
            let now = DispatchTime.now().uptimeNanoseconds
            let elapsed = Double(now - throughputWindow.started) / 1e9
            if elapsed >= 1 {
                samplesPerSecond = Double(throughputWindow.samples) / elapsed
                throughputWindow = (now, 0)
            }
            var important = result.endedEpoch
            if result.endedEpoch { recordEpoch() }
            if stepUntil == .batch || (stepUntil == .epochEnd && result.endedEpoch) {
                stepUntil = nil
                status = .paused
                important = true
            }
            if result.endedEpoch, let limit = epochLimit, trainer.epoch >= limit {
                status = .finished
                stepUntil = nil
                note = "\(config.name): finished \(limit) epochs (n trains one more)"
            }
            return important
        } catch {
            status = .diverged("\(error)")
            stepUntil = nil
            note = "\(config.name): \(error)"
            return true
        }
    }

    /// Starts the run over from its seed (same initial weights and batch order).
    func reset() throws {
        trainer = try Trainer(config: trainer.config, dataset: dataset)
        batchLoss = LossHistory()
        history = EpochHistory()
        scatterCache = nil
        filtersCache = nil
        walkCache = nil
        anomalyCache = nil
        status = .paused
        stepUntil = nil
        note = "\(config.name): reset to the initial weights of seed \(config.seed)"
    }

    /// Takes a parent run's loss curve and epoch frames, for a fork (see TrainingSession+Fork).
    func inherit(from parent: RunController) {
        batchLoss = parent.batchLoss
        history = parent.history
        status = parent.status
        stepUntil = parent.stepUntil
    }

    /// Restarts the throughput window (after a pause, so idle time is not counted).
    func restartThroughputWindow() {
        throughputWindow = (DispatchTime.now().uptimeNanoseconds, 0)
    }

}
