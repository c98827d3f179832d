// Trainer+Fork: branching a run at its current step into a new run with one setting changed.
//
// A fork is the run's checkpoint taken in memory and resumed under a new name, so it shares
// everything up to the fork exactly: weights, optimizer moments, generator state, counters,
// the unfinished epoch's running sums and the metric history. Then one setting changes (or
// none, which gives a twin that trains bit for bit like its parent). Forks of forks make a
// tree: each fork records its parent's name, the epoch and step it forked at and the change
// (RunLineage), which checkpoints keep in `__metadata__` ("fork") and metrics files as a
// first {"event":"fork",...} line.
//
// Decision: the code size is not offered. A fork with another code size cannot share the
// weights and moments exactly (the shapes differ), so it would not be a branch of the same run;
// a paired run (`c`) already starts a different code size from the same seed.

import Formats

/// Where a forked run came from.
public struct RunLineage: Codable, Sendable, Equatable {
    /// The parent run's name (`config.name`).
    public var parent: String
    /// Completed epochs and batches since the start at the fork.
    public var forkEpoch: Int
    public var forkStep: Int
    /// What changed at the fork, as shown ("lr x2", "same").
    public var change: String

    public init(parent: String, forkEpoch: Int, forkStep: Int, change: String) {
        self.parent = parent
        self.forkEpoch = forkEpoch
        self.forkStep = forkStep
        self.change = change
    }

    /// The metrics line that opens a forked run's metrics.jsonl.
    public var record: JSONObject {
        [
            "event": "fork", "parent": .string(parent), "epoch": .integer(forkEpoch), "step": .integer(forkStep),
            "change": .string(change),
        ]
    }

    /// The lineage in a metrics file's records (its "fork" line), if any.
    public init?(records: [JSONObject]) {
        guard let line = records.first(where: { $0.value(for: "event")?.stringValue == "fork" }),
            let parent = line.value(for: "parent")?.stringValue,
            let epoch = line.value(for: "epoch")?.integerValue, let step = line.value(for: "step")?.integerValue
        else { return nil }
        self.init(
            parent: parent, forkEpoch: epoch, forkStep: step, change: line.value(for: "change")?.stringValue ?? "")
    }
}

/// The one setting a fork changes.
public enum ForkChange: String, CaseIterable, Sendable {
    case learningRateUp
    case learningRateDown
    case penaltyUp
    case penaltyDown
    case corruptionUp
    case corruptionDown
    /// No change: a twin, to check that branches share their state exactly.
    case same

    /// Short text for the picker, the tree and the metrics ("lr x2").
    public var label: String {
        switch self {
        case .learningRateUp: "lr x2"
        case .learningRateDown: "lr x0.5"
        case .penaltyUp: "penalty x2"
        case .penaltyDown: "penalty x0.5"
        case .corruptionUp: "noise x2"
        case .corruptionDown: "noise x0.5"
        case .same: "same"
        }
    }

    var factor: Float {
        switch self {
        case .learningRateUp, .penaltyUp, .corruptionUp: 2
        case .learningRateDown, .penaltyDown, .corruptionDown: 0.5
        case .same: 1
        }
    }
}

extension Trainer {
    /// A new run in exactly this run's state, named `name`, with `change` applied.
    /// - Returns: the fork and the changed setting as text ("learning rate 0.002").
    /// - Throws: `TrainingError.invalidConfiguration` when the run has no such setting (no
    ///   penalty, no corruption) or the new learning rate is out of range.
    /// - Complexity: O(parameters), like a checkpoint save and load.
    public func fork(name: String, change: ForkChange) throws -> (trainer: Trainer, detail: String) {
        var contents = try CheckpointContents(file: Checkpoint.file(of: self), path: "fork of \(config.name)")
        contents.config.name = name
        contents.state.lineage = RunLineage(parent: config.name, forkEpoch: epoch, forkStep: step, change: change.label)
        let child = try contents.makeTrainer(dataset: dataset)
        let detail: String?
        switch change {
        case .learningRateUp, .learningRateDown:
            let rate = optimizer.settings.learningRate * change.factor
            detail = rate.isFinite && rate > 0 && rate < 100 ? "learning rate \(rate)" : nil
            if detail != nil { child.setLearningRate(rate) }
        case .penaltyUp, .penaltyDown:
            detail = child.scaleRegularization(by: change.factor, penalties: true, corruption: false)
        case .corruptionUp, .corruptionDown:
            detail = child.scaleRegularization(by: change.factor, penalties: false, corruption: true)
        case .same:
            detail = "no change"
        }
        guard let detail else {
            let problem: String
            switch change {
            case .learningRateUp, .learningRateDown:
                problem =
                    "a learning rate of \(optimizer.settings.learningRate * change.factor) is out of range (it must be in (0, 100))"
            case .penaltyUp, .penaltyDown:
                problem = "\(config.name) has no penalty strength to change (no L1, KL or contractive penalty)"
            case .corruptionUp, .corruptionDown, .same:
                problem = "\(config.name) has no corruption level to change (it is not a denoising run)"
            }
            throw TrainingError.invalidConfiguration([problem + "; fork with another setting"])
        }
        return (child, detail)
    }
}
