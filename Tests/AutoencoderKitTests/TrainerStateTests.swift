// TrainerState: a checkpoint written before the state was one value still loads and resumes
// exactly, and the state's Codable form is the checkpoint's metadata.
import Foundation
import TestSupport
import Testing

@testable import AutoencoderKit
@testable import Formats

@Suite("Trainer state")
struct TrainerStateTests {
    /// `aelab train --data digits --layers 8 --epochs 1 --threads 1` by aelab at 3b79831.
    static let oldCheckpoint = packageRoot + "/Tests/Fixtures/checkpoint-format1-digits-l8.safetensors"

    @Test("a checkpoint written before TrainerState loads, saves the same metadata and resumes exactly")
    func oldCheckpointResumes() throws {
        let dataset = try DataSource.digits.load(seed: 1)
        let file = try SafetensorsFile.read(path: Self.oldCheckpoint)
        let loaded = try Checkpoint.load(path: Self.oldCheckpoint, dataset: dataset)
        #expect(loaded.epoch == 1 && loaded.step == 71 && loaded.batchInEpoch == 0 && loaded.pretrained)
        #expect(loaded.history.map(\.trainLossPerPixel) == [0.44810685680674855])
        #expect(
            loaded.random.stateWords.map { String($0, radix: 16) } == [
                "32c1dac22ee1a234", "6f46df1b5cf951df", "dfabdc1bca32ce9e", "75ecdf84d3791959",
            ])
        // saving the loaded run writes every metadata value as the old aelab wrote it
        let again = Checkpoint.file(of: loaded, dataSource: "digits").metadata
        for (key, value) in file.metadata { #expect(again[key] == value, "\(key)") }
        #expect(Set(again.keys) == Set(file.metadata.keys))

        // where a straight run of the same config stands after its epoch (the generators do not
        // depend on the thread count; the losses do, so those are compared within this process)
        let straight = try Trainer(config: loaded.config, dataset: dataset)
        try straight.trainEpoch()
        #expect(straight.step == loaded.step && straight.random == loaded.random)
        #expect(straight.epochStartRandom == loaded.epochStartRandom)
        // the loaded run saved and loaded again trains the same next batches, in the straight
        // run's order
        let folder = try ScratchFolder("state")
        defer { folder.remove() }
        try loaded.saveCheckpoint(to: folder.file("again.safetensors"))
        let reloaded = try Checkpoint.load(path: folder.file("again.safetensors"), dataset: dataset)
        for _ in 0..<3 {
            let (a, b) = (try loaded.trainBatch(), try reloaded.trainBatch())
            #expect(a.lossPerPixel.bitPattern == b.lossPerPixel.bitPattern)
        }
        try straight.trainBatch()
        #expect(loaded.epochOrder == straight.epochOrder && reloaded.epochOrder == straight.epochOrder)
        #expect(loaded.model.parameters.array == reloaded.model.parameters.array)
        var (a, b) = (loaded.state, reloaded.state)
        (a.epochSeconds, b.epochSeconds) = (0, 0)  // the clock differs
        #expect(a == b && a.epochLossSum != 0)
    }

    @Test("the Codable form is the checkpoint's flat metadata, and reads back equal")
    func codableIsMetadata() throws {
        var config = CheckpointTests.config()
        config.regularization.l1 = 1e-3
        let trainer = try Trainer(config: config, dataset: CheckpointTests.data)
        for _ in 0..<6 { try trainer.trainBatch() }
        let state = trainer.state
        #expect(state.batchInEpoch == 2 && state.epochPenaltySums.count == 1 && state.epochPenaltySums[0] > 0)
        let json = try JSONEncoder().encode(state)
        let flat = try JSONDecoder().decode([String: String].self, from: json)
        #expect(flat == state.metadata)
        #expect(flat == Checkpoint.file(of: trainer).metadata.filter { state.metadata[$0.key] != nil })
        #expect(try JSONDecoder().decode(TrainerState.self, from: json) == state)

        var broken = flat
        broken["rng"] = "0 0 0 0"
        let data = try JSONEncoder().encode(broken)
        #expect {
            _ = try JSONDecoder().decode(TrainerState.self, from: data)
        } throws: { error in
            guard case .badMetadata(_, "rng", _)? = error as? CheckpointError else { return false }
            return true
        }
    }
}
