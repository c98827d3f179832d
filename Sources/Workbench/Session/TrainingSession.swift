// TrainingSession: owns the runs and trains them on a serial background queue.
//
// The UI thread sends commands through a locked inbox and takes snapshots from a latest-wins
// mailbox; it never waits for a batch. The training loop, on its own queue:
//   drain commands -> apply them -> train one batch of each running run (alternating, so
//   paired runs stay in lockstep) -> publish a snapshot a few times a second and at every
//   epoch end or step -> when nothing runs, sleep until a command arrives (no CPU).
import AutoencoderKit
import Dispatch
import Synchronization

/// The background training session behind the workbench.
///
/// `@unchecked Sendable`: the trainers (not Sendable) and every `var` below are touched only on
/// `queue`, a serial queue, which is the lock; the UI thread reaches the session through
/// `inbox` and `mailbox` (each behind a `Locked` mutex) and the atomics.
public final class TrainingSession: TrainingSessionInterface, @unchecked Sendable {
    /// The experiments `1`-`9` switch between.
    public let presets: [TrainingConfig]
    public let dataset: Dataset
    private let inbox = CommandInbox()
    private let mailbox = SnapshotMailbox()
    private let queue = DispatchQueue(label: "aelab.training", qos: .userInitiated)
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    /// Batches and samples trained since start, over every run (read from any thread).
    private let stepsTrained = Atomic<Int>(0)
    private let samplesTrained = Atomic<Int>(0)
    /// Touched only on `queue`.
    var runs: [RunController] = []
    var selected = 0
    var nextPairID = 1
    var display = DisplayRequest()
    let references: ReferenceLines
    /// Most runs kept at once.
    public static let maximumRuns = 4
    private let publishIntervalNs: UInt64
    private var lastPublish: UInt64 = 0
    /// What `s` does with a run, on the training queue: returns the status line's note and
    /// whether the save failed (shown as an error).
    public typealias SaveHandler = @Sendable (Trainer) -> (note: String, failed: Bool)
    private let saveHandler: SaveHandler?
    /// Runs train until paused instead of stopping at their configured epochs.
    let openEnded: Bool
    /// A read-only session (`aelab view`) shows a finished run and trains nothing.
    private var readOnly = false

    /// - Parameters:
    ///   - presets: the experiments available by number; `initial` picks the first run.
    ///   - paused: start paused instead of training.
    ///   - openEnded: runs train until paused (`make run`), not to their configured epochs.
    ///   - publishPerSecond: how often a running session publishes snapshots.
    ///   - save: what `s` does with a run (write a checkpoint), returning a note.
    /// - Throws: `TrainingError` when the initial run cannot be built.
    public init(
        presets: [TrainingConfig], initial: Int = 0, dataset: Dataset, paused: Bool = false,
        openEnded: Bool = false, publishPerSecond: Double = 5, save: SaveHandler? = nil
    ) throws {
        precondition(!presets.isEmpty, "a session needs at least one preset")
        self.presets = presets
        self.dataset = dataset
        publishIntervalNs = UInt64(1e9 / max(publishPerSecond, 0.1))
        saveHandler = save
        let start = presets[min(max(initial, 0), presets.count - 1)]
        references = ReferenceLines(dataset: dataset)
        self.openEnded = openEnded
        runs = [try RunController(config: start, dataset: dataset, paused: paused, openEnded: openEnded)]
    }

    /// A session around an existing trainer (a resumed checkpoint); `presets` stay available
    /// by number.
    /// - Parameter readOnly: refuse every command that would train or change the run
    ///   (`aelab view`).
    public init(
        resuming trainer: Trainer, presets: [TrainingConfig], paused: Bool = true, readOnly: Bool = false,
        publishPerSecond: Double = 5, save: SaveHandler? = nil
    ) {
        self.presets = presets.isEmpty ? [trainer.config] : presets
        dataset = trainer.dataset
        publishIntervalNs = UInt64(1e9 / max(publishPerSecond, 0.1))
        saveHandler = save
        references = ReferenceLines(dataset: trainer.dataset)
        self.readOnly = readOnly
        openEnded = false
        let run = RunController(trainer: trainer, paused: paused || readOnly)
        run.note =
            readOnly
            ? "viewing \(trainer.config.name) at epoch \(trainer.epoch), read-only"
            : "resumed \(trainer.config.name) at epoch \(trainer.epoch), step \(trainer.step)"
        runs = [run]
    }

    /// Starts the training loop on the background queue and publishes the first snapshot.
    public func start() {
        queue.async { [self] in publish() }
        queue.async { [self] in loop() }
    }

    /// Stops the loop after the batch in progress and waits for it (at most `timeoutMs`).
    /// - Returns: the trainers, for autosave.
    @discardableResult
    public func stop(timeoutMs: Int = 10_000) -> [Trainer] {
        stopped.store(true, ordering: .sequentiallyConsistent)
        inbox.send(.pause)
        _ = finished.wait(timeout: .now() + .milliseconds(timeoutMs))
        return queue.sync { runs.map(\.trainer) }
    }

    public func send(_ command: SessionCommand) { inbox.send(command) }

    /// Batches and samples trained since the session started, summed over every run (a run
    /// reset or closed keeps its share); safe from any thread.
    public var trainedTotals: (steps: Int, samples: Int) {
        (stepsTrained.load(ordering: .relaxed), samplesTrained.load(ordering: .relaxed))
    }

    public func latest(after sequence: UInt64) -> (sequence: UInt64, snapshots: [TrainingSnapshot])? {
        mailbox.take(after: sequence)
    }

    // MARK: - The loop (training queue only)

    private func loop() {
        defer { finished.signal() }
        while !stopped.load(ordering: .sequentiallyConsistent) {
            var dirty = false
            for command in inbox.drain() {
                apply(command)
                dirty = true
            }
            let active = runs.filter { $0.wantsBatch && !waitsForPartner($0) }
            if active.isEmpty {
                if dirty { publish() }
                inbox.wait(milliseconds: 500)
                continue
            }
            var important = false
            for run in active where !stopped.load(ordering: .sequentiallyConsistent) {
                let before = run.samplesTrained
                if run.trainOneBatch() { important = true }
                if run.samplesTrained > before {
                    stepsTrained.wrappingAdd(1, ordering: .relaxed)
                    samplesTrained.wrappingAdd(run.samplesTrained - before, ordering: .relaxed)
                }
            }
            let now = DispatchTime.now().uptimeNanoseconds
            if important || dirty || now - lastPublish >= publishIntervalNs { publish() }
        }
        publish()
    }

    private func publish() {
        lastPublish = DispatchTime.now().uptimeNanoseconds
        let names = displayNames()
        for run in runs where run.references.isEmpty { run.references = references.lines(for: run.config) }
        mailbox.post(zip(runs, names).map { $0.snapshot(name: $1) })
    }

    var current: RunController { runs[min(selected, runs.count - 1)] }

    private func apply(_ command: SessionCommand) {
        let run = current
        let group = group(of: run)
        if readOnly {
            switch command {
            case .pause, .selectRun, .setDisplay: break
            default:
                run.note =
                    "read-only view of \(run.config.name): nothing trains or changes (aelab train --resume continues a run)"
                return
            }
        }
        switch command {
        case .pause:
            for run in group where run.status == .running { run.status = .paused }
        case .resume:
            group.forEach(resume)
        case .togglePause:
            if run.status == .running {
                for run in group where run.status == .running { run.status = .paused }
            } else {
                group.forEach(resume)
            }
        case .stepBatch:
            for run in group where canTrain(run) {
                run.status = .paused
                run.stepUntil = .batch
            }
        case .stepEpoch:
            for run in group where canTrain(run) {
                run.status = .paused
                run.stepUntil = .epochEnd
            }
        case .scaleLearningRate(let factor):
            let rate = run.trainer.optimizer.settings.learningRate * factor
            guard rate.isFinite, rate > 0, rate < 100 else {
                run.note = "learning rate \(rate) refused: it must be in (0, 100)"
                return
            }
            run.trainer.setLearningRate(rate)
            run.note = "\(run.config.name): learning rate \(rate)"
        case .scaleRegularization(let factor):
            if let strengths = run.trainer.scaleRegularization(by: factor) {
                run.note = "\(run.config.name): \(strengths)"
            } else {
                run.note = "\(run.config.name) has no regularization strength to change"
            }
        case .reset:
            resetGroup(group)
        case .switchPreset(let index):
            guard presets.indices.contains(index) else {
                run.note = "no preset \(index + 1): \(presets.count) presets are loaded"
                return
            }
            do {
                let wasRunning = run.status == .running
                let next = try RunController(
                    config: presets[index], dataset: dataset, paused: !wasRunning, openEnded: openEnded)
                next.display = display
                unpair(run)
                runs[min(selected, runs.count - 1)] = next
                next.note = "switched to \(presets[index].name) (seed \(presets[index].seed))"
            } catch {
                run.note = "cannot start \(presets[index].name): \(error)"
            }
        case .save:
            let outcome = saveHandler?(run.trainer) ?? (note: "saving is not available in this session", failed: true)
            run.note = outcome.note
            run.noteIsError = outcome.failed
        case .pairWith(let index):
            pair(run, with: index)
        case .selectRun(let index):
            selected = min(max(index, 0), runs.count - 1)
        case .closeRun:
            closeSelected()
        case .setDisplay(let request):
            display = request
            for run in runs { run.display = request }
        case .fork(let change):
            fork(run, change: change)
        }
    }

    func resume(_ run: RunController) {
        guard canTrain(run) else { return }
        run.stepUntil = nil
        run.status = .running
        run.restartThroughputWindow()
    }

    /// A finished run may train on (one more epoch is allowed past the limit); a diverged one
    /// must be reset first.
    func canTrain(_ run: RunController) -> Bool {
        if case .diverged = run.status {
            run.note = "\(run.config.name) diverged; press r to reset it (s saves its last good parameters)"
            return false
        }
        if run.status == .finished { run.status = .paused }
        return true
    }
}
