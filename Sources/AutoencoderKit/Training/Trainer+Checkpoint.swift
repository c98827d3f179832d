// Trainer+Checkpoint: putting a trainer into the exact state a checkpoint describes, and
// saving one from the trainer's side.

extension Trainer {
    /// Writes this trainer's checkpoint to `path` atomically; see `Checkpoint.save`.
    /// - Throws: `CheckpointError.write` naming the path and the system's reason.
    public func saveCheckpoint(to path: String, dataSource: String? = nil) throws(CheckpointError) {
        try Checkpoint.save(self, to: path, dataSource: dataSource)
    }

    /// Overwrites parameters, optimizer state, the run's state (`TrainerState`: counters,
    /// generators, sums, history, pretraining, lineage) and the rule's state (KL running
    /// estimate, PSD power vector) with the checkpoint's; see `resume(from:)` for the position.
    func restore(from contents: CheckpointContents) {
        let slots = CheckpointTensors.slots(layout: model.layout, optimizer: config.optimizer.kind)
        for slot in slots {
            switch slot.source {
            case .parameters: contents.copy(slot, into: model.parameters)
            case .firstMoment: contents.copy(slot, into: optimizer.firstMoment)
            case .secondMoment: contents.copy(slot, into: optimizer.secondMoment)
            }
        }
        optimizer.settings = contents.optimizerSettings
        optimizer.restore(step: contents.optimizerStep)
        resume(from: contents.state)
        for (name, values) in contents.penaltyStates where !values.isEmpty {
            regularizer.restoreState(of: name, values)
        }
        if let vector = contents.psdPowerVector { psdRule?.powerVector = vector }
    }
}
