// TrainerState: where a run stands, as one value: counters, the generator (now and at the
// epoch's start), the unfinished epoch's running sums, the finished epochs' metrics,
// pretraining, and the run's lineage. Checkpoints and forks save and restore it whole.
//
// Its coded form is the flat string map of a checkpoint's `__metadata__` (the keys and
// encodings of CheckpointMetadata): numbers that must come back bit for bit are hexadecimal
// bit patterns, structured values JSON text. `metadata` writes that map and
// `init(metadata:)` reads it back, checking every value and naming the key it rejects;
// `Codable` goes through the same map, so a JSON-encoded state is one flat object with the
// checkpoint's keys.
// A checkpoint from before the model kinds has no "pretrained" key: it reads with no penalty
// sums and no pretraining losses, and pretraining counted as done once a step has run.
import Foundation

/// A run's counters, generators, running sums and record, saved and restored whole.
public struct TrainerState: Sendable, Equatable {
    /// Completed epochs.
    public var epoch = 0
    /// Batches since the start.
    public var step = 0
    /// Batches done in the current epoch.
    public var batchInEpoch = 0
    /// The run's generator: every random choice draws from it.
    public var random: RandomGenerator
    /// The generator as it was when the current epoch's batch order was drawn; a mid-epoch
    /// checkpoint rebuilds the order from it.
    public var epochStartRandom: RandomGenerator
    /// The unfinished epoch's training loss per pixel summed over its examples.
    public var epochLossSum = 0.0
    /// The unfinished epoch's sum over examples of each penalty (`Trainer.penaltyNames` order).
    public var epochPenaltySums: [Double]
    /// Examples and seconds of the unfinished epoch.
    public var epochSamples = 0
    public var epochSeconds = 0.0
    /// Metrics of the finished epochs: every one up to `EpochRecord.defaultCapacity`, then a
    /// thinned record (see EpochRecord), so a long run does not grow.
    public var record = EpochRecord()
    /// True once greedy layer-wise pretraining has run (or when it is off).
    public var pretrained: Bool
    /// Reconstruction loss per layer of the greedy pretraining, once it has run.
    public var pretrainingLosses: [Double] = []
    /// Where this run forked from (nil for a run started from its seed); see Trainer+Fork.
    public var lineage: RunLineage?

    /// The state of a run that has not trained: the generator seeded, no epoch begun.
    init(seed: UInt64, penaltyCount: Int, pretrained: Bool) {
        random = RandomGenerator(seed: seed)
        epochStartRandom = random
        epochPenaltySums = [Double](repeating: 0, count: penaltyCount)
        self.pretrained = pretrained
    }

    /// Zeroes the running sums for a new epoch.
    mutating func clearEpochSums() {
        epochLossSum = 0
        epochPenaltySums = [Double](repeating: 0, count: epochPenaltySums.count)
        epochSamples = 0
        epochSeconds = 0
    }

    /// This state for a run whose epochs have `batchesPerEpoch` batches and whose config has
    /// `penaltyCount` penalties: a position inside an epoch stays; a position past the end of
    /// the epoch (a checkpoint of other data) starts that epoch over from the generator it
    /// began with.
    func resumable(batchesPerEpoch: Int, penaltyCount: Int) -> TrainerState {
        if batchInEpoch > 0 && batchInEpoch < batchesPerEpoch { return self }
        var state = self
        if batchInEpoch > 0 { state.random = epochStartRandom }
        state.batchInEpoch = 0
        state.epochPenaltySums = [Double](repeating: 0, count: penaltyCount)
        state.clearEpochSums()
        return state
    }
}

extension TrainerState {
    /// The state as checkpoint metadata (see CheckpointMetadata for the keys and encodings).
    var metadata: [String: String] {
        var map = [
            CheckpointKey.epoch: String(epoch),
            CheckpointKey.step: String(step),
            CheckpointKey.batchInEpoch: String(batchInEpoch),
            CheckpointKey.random: CheckpointJSON.hexWords(random),
            CheckpointKey.epochStartRandom: CheckpointJSON.hexWords(epochStartRandom),
            CheckpointKey.epochLossSum: String(epochLossSum.bitPattern, radix: 16),
            CheckpointKey.epochSamples: String(epochSamples),
            CheckpointKey.epochSeconds: String(epochSeconds),
            CheckpointKey.epochPenaltySums: CheckpointJSON.hexBits(epochPenaltySums),
            CheckpointKey.history: CheckpointJSON.text(record.entries),
            CheckpointKey.pretrained: String(pretrained),
            CheckpointKey.pretrainingLosses: CheckpointJSON.text(pretrainingLosses),
        ]
        if let lineage { map[CheckpointKey.fork] = CheckpointJSON.text(lineage) }
        return map
    }

    /// Reads the state out of checkpoint metadata.
    /// - Throws: `CheckpointError.missingMetadata` or `.badMetadata` naming the key.
    init(metadata meta: MetadataReader) throws(CheckpointError) {
        epoch = try meta.natural(CheckpointKey.epoch)
        step = try meta.natural(CheckpointKey.step)
        batchInEpoch = try meta.natural(CheckpointKey.batchInEpoch)
        random = try meta.generator(CheckpointKey.random)
        epochStartRandom = try meta.generator(CheckpointKey.epochStartRandom)
        epochLossSum = try meta.doubleBits(CheckpointKey.epochLossSum)
        epochSamples = try meta.natural(CheckpointKey.epochSamples)
        let secondsText = try meta.string(CheckpointKey.epochSeconds)
        guard let seconds = Double(secondsText), seconds >= 0 else {
            throw .badMetadata(
                path: meta.path, key: CheckpointKey.epochSeconds, detail: "is not a number of seconds ≥ 0")
        }
        epochSeconds = seconds
        let older = meta.metadata[CheckpointKey.pretrained] == nil
        epochPenaltySums = older ? [] : try meta.doubleBitsList(CheckpointKey.epochPenaltySums)
        let history = try meta.json(CheckpointKey.history, as: [EpochMetrics].self)
        // every epoch, or a long run's thinned record (EpochRecord): increasing epochs from 1
        // up, the last one `epoch`
        let epochs = history.map(\.epoch)
        guard (epochs.last ?? 0) == epoch, (epochs.first ?? 1) >= 1,
            zip(epochs, epochs.dropFirst()).allSatisfy({ $0 < $1 })
        else {
            let shown = epochs.count > 6 ? "\(epochs.prefix(3)) ... \(epochs.suffix(3))" : "\(epochs)"
            throw .badMetadata(
                path: meta.path, key: CheckpointKey.history,
                detail: "has epochs \(shown), not increasing up to epoch \(epoch)")
        }
        record = EpochRecord(restoring: history)
        pretrained = older ? step > 0 : try meta.bool(CheckpointKey.pretrained)
        pretrainingLosses = older ? [] : try meta.json(CheckpointKey.pretrainingLosses, as: [Double].self)
        lineage =
            meta.metadata[CheckpointKey.fork] == nil ? nil : try meta.json(CheckpointKey.fork, as: RunLineage.self)
    }
}

extension TrainerState: Codable {
    private struct Key: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (key, value) in metadata { try container.encode(value, forKey: Key(stringValue: key)) }
    }

    /// - Throws: `DecodingError.typeMismatch` for a value that is not a string,
    ///   `CheckpointError` naming the key of a value that does not read.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        var map: [String: String] = [:]
        for key in container.allKeys { map[key.stringValue] = try container.decode(String.self, forKey: key) }
        try self.init(metadata: MetadataReader(path: "trainer state", metadata: map))
    }
}
