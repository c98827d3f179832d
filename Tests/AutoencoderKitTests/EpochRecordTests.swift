// EpochRecordTests: the trainer's per-epoch record stays bounded however long the run, keeps
// what an uninterrupted run keeps across a checkpoint, and checkpoints refuse a record that
// does not count up to their epoch.
import Foundation
import TestSupport
import Testing

@testable import AutoencoderKit

@Suite("Epoch record")
struct EpochRecordTests {
    static func metrics(_ epoch: Int) -> EpochMetrics {
        EpochMetrics(
            epoch: epoch, step: epoch * 3, loss: .bce, trainLossPerPixel: 1 / Double(epoch),
            validationLossPerPixel: 2 / Double(epoch), pixelsPerImage: 784, seconds: 0.1, samplesPerSecond: 10,
            learningRate: 1e-3)
    }

    static func record(through last: Int, capacity: Int) -> EpochRecord {
        var record = EpochRecord(capacity: capacity)
        for epoch in stride(from: 1, through: last, by: 1) { record.append(metrics(epoch)) }
        return record
    }

    @Test("every epoch is kept while they fit")
    func allWhileTheyFit() {
        #expect(Self.record(through: 8, capacity: 8).entries.map(\.epoch) == Array(1...8))
        #expect(Self.record(through: 0, capacity: 8).entries.isEmpty)
    }

    @Test("past the capacity epochs 1, 1 + s, 1 + 2s, ... are kept, and always the newest")
    func thinned() {
        #expect(Self.record(through: 9, capacity: 8).entries.map(\.epoch) == [1, 3, 5, 7, 9])
        #expect(Self.record(through: 10, capacity: 8).entries.map(\.epoch) == [1, 3, 5, 7, 9, 10])
        #expect(Self.record(through: 16, capacity: 8).entries.map(\.epoch) == [1, 5, 9, 13, 16])
        #expect(Self.record(through: 17, capacity: 8).entries.map(\.epoch) == [1, 5, 9, 13, 17])
    }

    @Test(
        "a long run stays within the capacity, in the storage it reserved at the start",
        arguments: [100, 1000, 50_000])
    func bounded(epochs: Int) {
        var record = EpochRecord(capacity: 64)
        let reserved = record.entries.capacity
        var largest = 0
        for epoch in 1...epochs {
            record.append(Self.metrics(epoch))
            largest = max(largest, record.entries.count)
        }
        #expect(largest <= 64)
        #expect(record.entries.capacity == reserved)
        #expect(record.entries.first?.epoch == 1 && record.entries.last?.epoch == epochs)
        #expect(record.entries.count > 64 / 4)
        #expect(record.entries.last == Self.metrics(epochs))
    }

    @Test(
        "restoring what a run kept at epoch k, then going on to n, keeps what the run keeps at n",
        arguments: [1, 7, 8, 9, 15, 16, 17, 33, 100])
    func restoreMatchesUninterrupted(k: Int) {
        for n in [k, k + 1, k + 2, k + 9, k + 40, 3 * k + 5] {
            var resumed = EpochRecord(restoring: Self.record(through: k, capacity: 8).entries, capacity: 8)
            for epoch in stride(from: k + 1, through: n, by: 1) { resumed.append(Self.metrics(epoch)) }
            #expect(resumed == Self.record(through: n, capacity: 8), "k \(k) n \(n)")
        }
        // a record of every epoch (a checkpoint written before records were bounded) thins to
        // the same
        let full = (1...k).map(Self.metrics)
        #expect(EpochRecord(restoring: full, capacity: 8) == Self.record(through: k, capacity: 8))
    }

    @Test("the trainer's record past the default capacity survives a checkpoint and resumes exactly")
    func trainerPastCapacity() throws {
        // 8 images in one batch: an epoch is one step, so thousands of epochs take a second
        let data = SyntheticImages.dataset(train: 8, validation: 4)
        var config = CheckpointTests.config(.adam, layers: [4])
        config.batchSize = 8
        let capacity = EpochRecord.defaultCapacity
        let straight = try Trainer(config: config, dataset: data)
        while straight.epoch < capacity + 300 { try straight.trainBatch() }
        #expect(straight.history.count <= capacity)
        #expect(straight.history.count > capacity / 2)
        #expect(straight.history.first?.epoch == 1 && straight.history.last?.epoch == capacity + 300)
        #expect(straight.history.dropLast().allSatisfy { ($0.epoch - 1) % 2 == 0 })

        let folder = try ScratchFolder("record")
        defer { folder.remove() }
        let first = try Trainer(config: config, dataset: data)
        while first.epoch < capacity + 101 { try first.trainBatch() }
        let path = folder.file(Checkpoint.fileName)
        try first.saveCheckpoint(to: path)
        let resumed = try Checkpoint.load(path: path, dataset: data)
        #expect(resumed.history == first.history)
        while resumed.epoch < capacity + 300 { try resumed.trainBatch() }
        // every figure but the timings
        let figures: (EpochMetrics) -> [Double] = {
            $0.fields.filter { !["epoch_seconds", "samples_per_second"].contains($0.0) }.map(\.1)
        }
        #expect(resumed.history.map(figures) == straight.history.map(figures))
        #expect(resumed.model.parameters.array == straight.model.parameters.array)
    }

    /// Loads a checkpoint of a 3-epoch run whose history is replaced by these epochs' metrics.
    /// - Returns: the loaded history's epochs, or the load's error.
    static func load(historyEpochs epochs: [Int]) throws -> (path: String, result: Result<[Int], CheckpointError>) {
        let data = CheckpointTests.data
        let trainer = try Trainer(config: CheckpointTests.config(), dataset: data)
        for _ in 0..<3 { try trainer.trainEpoch() }
        var file = Checkpoint.file(of: trainer)
        file.metadata["history"] = CheckpointJSON.text(epochs.map(Self.metrics))
        let folder = try ScratchFolder("record")
        defer { folder.remove() }
        let path = folder.file("c.safetensors")
        try file.write(to: path)
        return (
            path,
            Result { () throws(CheckpointError) in try Checkpoint.load(path: path, dataset: data).history.map(\.epoch) }
        )
    }

    @Test(
        "a checkpoint whose history does not count up to its epoch is refused, naming the key",
        arguments: [[2, 1, 3], [1, 2], [1, 2, 3, 4], [0, 1, 3], [1, 3, 3], [] as [Int]])
    func refusedHistory(epochs: [Int]) throws {
        let (path, result) = try Self.load(historyEpochs: epochs)
        guard case .failure(.badMetadata(path, "history", let detail)) = result else {
            Issue.record("expected bad history metadata naming \(path), got \(result)")
            return
        }
        #expect(detail.contains("epoch 3"))
    }

    @Test("a thinned history that counts up to the epoch loads")
    func thinnedHistoryLoads() throws {
        #expect(try Self.load(historyEpochs: [1, 3]).result.get() == [1, 3])
    }
}
