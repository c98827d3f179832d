// Checkpoint behaviour: exact resume (end of epoch and mid-epoch, Adam and SGD momentum),
// round trips of every model kind, and the metadata a checkpoint carries.
import Foundation
import TestSupport
import Testing

@testable import AutoencoderKit
@testable import Formats

@Suite("Checkpoint")
struct CheckpointTests {
    static let data = SyntheticImages.dataset(train: 256, validation: 64)

    static func config(
        _ kind: OptimizerKind = .adam, layers: [Int] = [16], tied: Bool = false, loss: ReconstructionLoss = .bce
    ) -> TrainingConfig {
        TrainingConfig(
            name: "ckpt",
            architecture: Architecture(
                encoderSizes: layers, outputActivation: loss == .bce ? .sigmoid : .identity, tiedWeights: tied),
            loss: loss,
            optimizer: OptimizerSettings(kind: kind, learningRate: kind == .sgd ? 0.05 : 3e-3, momentum: 0.9),
            batchSize: 64, epochs: 3, seed: 5)
    }

    /// Per-batch losses and penalties, epoch losses, every epoch figure but the timings, and
    /// final parameters of a run.
    struct Run: Equatable {
        var batchLosses: [Double] = []
        var batchPenalties: [[PenaltyValue]] = []
        var epochLosses: [Double] = []
        var epochFigures: [[Double]] = []
        var parameters: [Float] = []
    }

    static func record(_ result: BatchResult, into run: inout Run) {
        run.batchLosses.append(result.lossPerPixel)
        run.batchPenalties.append(result.penalties)
    }

    static func finish(_ trainer: Trainer, epochs: Int, into run: inout Run) throws {
        while trainer.epoch < epochs { record(try trainer.trainBatch(), into: &run) }
        run.epochLosses = trainer.history.flatMap { [$0.trainLossPerPixel, $0.validationLossPerPixel] }
        let timings: Set<String> = ["epoch_seconds", "samples_per_second"]
        run.epochFigures = trainer.history.map { $0.fields.filter { !timings.contains($0.0) }.map(\.1) }
        run.parameters = trainer.model.parameters.array
    }

    static func straight(_ config: TrainingConfig) throws -> Run {
        var run = Run()
        try finish(try Trainer(config: config, dataset: data), epochs: config.epochs, into: &run)
        return run
    }

    /// Trains `batches` batches, saves, loads into a fresh trainer, and finishes the run.
    static func interrupted(_ config: TrainingConfig, afterBatches batches: Int) throws -> Run {
        let folder = try ScratchFolder("ckpt")
        defer { folder.remove() }
        var run = Run()
        let first = try Trainer(config: config, dataset: data)
        for _ in 0..<batches { record(try first.trainBatch(), into: &run) }
        let path = folder.file(Checkpoint.fileName)
        try Checkpoint.save(first, to: path)
        let resumed = try Checkpoint.load(path: path, dataset: data)
        #expect(resumed.step == batches)
        try finish(resumed, epochs: config.epochs, into: &run)
        return run
    }

    @Test(
        "k epochs, save, load, N−k epochs equal N epochs straight, bit for bit", arguments: [OptimizerKind.adam, .sgd])
    func exactResumeAtEpochEnd(kind: OptimizerKind) throws {
        let config = Self.config(kind)
        let expected = try Self.straight(config)
        let resumed = try Self.interrupted(config, afterBatches: 4)  // 256 / 64 = one epoch
        #expect(resumed == expected)
        #expect(expected.epochLosses.count == 6)
    }

    @Test("a save in mid-epoch resumes on the same batches, bit for bit", arguments: [OptimizerKind.adamw, .sgd])
    func exactResumeMidEpoch(kind: OptimizerKind) throws {
        let config = Self.config(kind)
        let expected = try Self.straight(config)
        let resumed = try Self.interrupted(config, afterBatches: 6)  // two batches into epoch 2
        #expect(resumed == expected)
    }

    @Test(
        "every model kind round-trips parameters, optimizer state and counters",
        arguments: [
            (layers: [16], tied: false, loss: ReconstructionLoss.bce),
            (layers: [16], tied: true, loss: .bce),
            (layers: [32, 8], tied: false, loss: .mse),
            (layers: [32, 8], tied: true, loss: .bce),
        ])
    func roundTrip(shape: (layers: [Int], tied: Bool, loss: ReconstructionLoss)) throws {
        let folder = try ScratchFolder("ckpt")
        defer { folder.remove() }
        let config = Self.config(.adam, layers: shape.layers, tied: shape.tied, loss: shape.loss)
        let trainer = try Trainer(config: config, dataset: Self.data)
        for _ in 0..<5 { try trainer.trainBatch() }
        trainer.setLearningRate(1e-4)
        let path = folder.file("rt.safetensors")
        try trainer.saveCheckpoint(to: path, dataSource: "blobs")
        let loaded = try Checkpoint.load(path: path, dataset: Self.data)
        #expect(loaded.model.parameters.array == trainer.model.parameters.array)
        #expect(loaded.optimizer.firstMoment.array == trainer.optimizer.firstMoment.array)
        #expect(loaded.optimizer.secondMoment.array == trainer.optimizer.secondMoment.array)
        #expect(loaded.optimizer.step == 5 && loaded.step == 5 && loaded.epoch == 1 && loaded.batchInEpoch == 1)
        #expect(loaded.optimizer.settings.learningRate == 1e-4)
        #expect(loaded.config == config)
        #expect(loaded.random == trainer.random && loaded.epochStartRandom == trainer.epochStartRandom)
        #expect(loaded.history == trainer.history)
        let names = Set(try SafetensorsFile.read(path: path).tensors.map(\.name))
        #expect(names.contains("encoder.0.weight") && names.contains("optimizer.adam.v.decoder.0.bias"))
        #expect(names.contains("decoder.0.weight") == !shape.tied)
        #expect(try Checkpoint.read(path: path).dataSource == "blobs")
    }

    @Test("the metadata holds the config, counters, generator, data checksum and version")
    func metadata() throws {
        let trainer = try Trainer(config: Self.config(.sgd), dataset: Self.data)
        try trainer.trainEpoch()
        let meta = Checkpoint.file(of: trainer).metadata
        #expect(meta["aelab_version"] == AelabVersion.current)
        #expect(meta["epoch"] == "1" && meta["step"] == "4" && meta["batch_in_epoch"] == "0")
        #expect(meta["dataset"] == "blobs")
        #expect(meta["dataset_checksum"]?.hasPrefix("crc32:") == true)
        #expect(meta["dataset_checksum"]?.hasSuffix("train 256 validation 64 28x28") == true)
        #expect(meta["rng"]?.split(separator: " ").count == 4)
        let config = try JSONParser.parse(Array((meta["config"] ?? "").utf8))
        #expect(config.objectValue?.value(for: "batchSize")?.integerValue == 64)
        let history = try JSONParser.parse(Array((meta["history"] ?? "").utf8))
        #expect(history.arrayValue?.count == 1)
        let names = Checkpoint.file(of: trainer).tensors.map(\.name)
        #expect(names.contains("optimizer.sgd.velocity.encoder.0.weight"))
    }

    @Test("the data checksum tells datasets apart")
    func checksum() {
        let a = SyntheticImages.dataset(train: 64, validation: 16, seed: 1)
        let b = SyntheticImages.dataset(train: 64, validation: 16, seed: 2)
        #expect(a.checksum == SyntheticImages.dataset(train: 64, validation: 16, seed: 1).checksum)
        #expect(a.checksum != b.checksum)
    }
}
