// Trainer+Checkpoint: putting a trainer into the exact state a checkpoint describes, and
// saving one from the trainer's side.

extension Trainer {
    /// Writes this trainer's checkpoint to `path` atomically; see `Checkpoint.save`.
    /// - Throws: `CheckpointError.write` naming the path and the system's reason.
    public func saveCheckpoint(to path: String, dataSource: String? = nil) throws(CheckpointError) {
        try Checkpoint.save(self, to: path, dataSource: dataSource)
    }

    /// Overwrites parameters, optimizer state, counters, generator, history and the rule's state
    /// (pretraining, KL running estimate, PSD power vector) with the checkpoint's. A mid-epoch position rebuilds the epoch's batch order from the generator
    /// state it was drawn with; a position past the end of this dataset's epoch (other data)
    /// starts that epoch over.
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
        epoch = contents.epoch
        step = contents.step
        record = EpochRecord(restoring: contents.history, capacity: record.capacity)
        epochStartRandom = contents.epochStartRandom
        pretrained = contents.pretrained
        pretrainingLosses = contents.pretrainingLosses
        lineage = contents.lineage
        if !contents.klRunningEstimate.isEmpty { regularizer.restoreKLRunningEstimate(contents.klRunningEstimate) }
        if let vector = contents.psdPowerVector { psdRule?.powerVector = vector }
        if contents.batchInEpoch > 0 && contents.batchInEpoch < batchesPerEpoch {
            var replay = contents.epochStartRandom
            order = replay.permutation(count: dataset.train.count)
            batchInEpoch = contents.batchInEpoch
            random = contents.random
            epochLossSum = contents.epochLossSum
            epochPenaltySums = contents.epochPenaltySums
            epochSamples = contents.epochSamples
            epochSeconds = contents.epochSeconds
        } else {
            batchInEpoch = 0
            random = contents.batchInEpoch == 0 ? contents.random : contents.epochStartRandom
            epochLossSum = 0
            epochPenaltySums = [Double](repeating: 0, count: penaltyNames.count)
            epochSamples = 0
            epochSeconds = 0
        }
    }
}
