// ForkTests: a fork shares its parent's whole state (a twin trains bit for bit like its parent in
// lockstep), a changed setting makes it differ, lineage survives save and resume, and the
// metrics' fork line reaches `summarize`'s table and CSV.
import Foundation
import Testing

@testable import AutoencoderKit
@testable import Formats

@Suite("Forking a run")
struct ForkTests {
    static let data = SyntheticImages.dataset(train: 256, validation: 64)

    /// Denoising (draws from the generator every batch), L1 and KL with a running estimate, so
    /// every piece of state a fork must carry is in use.
    static func config() -> TrainingConfig {
        TrainingConfig(
            name: "root", architecture: Architecture(encoderSizes: [16], codeActivation: .sigmoid),
            regularization: Regularization(
                l1: 1e-3, kl: KLSparsitySettings(beta: 0.1, rho: 0.05, runningDecay: 0.9),
                denoising: CorruptionSettings(kind: .mask, level: 0.2)),
            optimizer: OptimizerSettings(kind: .adam, learningRate: 3e-3), batchSize: 64, epochs: 4, seed: 11)
    }

    /// Trains `batches` batches of each trainer in turn and returns each one's batch results.
    static func lockstep(_ a: Trainer, _ b: Trainer, batches: Int) throws -> ([BatchResult], [BatchResult]) {
        var ra: [BatchResult] = []
        var rb: [BatchResult] = []
        for _ in 0..<batches {
            ra.append(try a.trainBatch())
            rb.append(try b.trainBatch())
        }
        return (ra, rb)
    }

    @Test("a fork with no change trains bit for bit like its parent, in lockstep, from mid-epoch")
    func aTwinTrainsIdentically() throws {
        let parent = try Trainer(config: Self.config(), dataset: Self.data)
        for _ in 0..<6 { try parent.trainBatch() }  // one epoch (4 batches) and half of the next
        let (twin, detail) = try parent.fork(name: "root-b1", change: .same)
        #expect(detail == "no change")
        #expect(twin.step == 6 && twin.epoch == 1 && twin.batchInEpoch == 2)
        #expect(twin.history == parent.history)
        #expect(twin.model.parameters.array == parent.model.parameters.array)
        #expect(twin.optimizer.firstMoment.array == parent.optimizer.firstMoment.array)
        #expect(twin.optimizer.secondMoment.array == parent.optimizer.secondMoment.array)
        let (a, b) = try Self.lockstep(parent, twin, batches: 9)
        #expect(a.map(\.lossPerPixel.bitPattern) == b.map(\.lossPerPixel.bitPattern))
        #expect(a.map(\.penalties) == b.map(\.penalties))
        #expect(parent.model.parameters.array == twin.model.parameters.array)
        let figures = { (t: Trainer) in t.history.map { [$0.trainLossPerPixel, $0.validationLossPerPixel] } }
        #expect(figures(parent) == figures(twin))
        #expect(twin.lineage == RunLineage(parent: "root", forkEpoch: 1, forkStep: 6, change: "same"))
        #expect(twin.config.name == "root-b1" && parent.lineage == nil)
    }

    @Test("a fork with the learning rate doubled has twice the rate and different losses")
    func aChangedLearningRateDiffers() throws {
        let parent = try Trainer(config: Self.config(), dataset: Self.data)
        for _ in 0..<3 { try parent.trainBatch() }
        let (fork, detail) = try parent.fork(name: "root-b1", change: .learningRateUp)
        #expect(fork.optimizer.settings.learningRate == 6e-3)
        #expect(detail == "learning rate 0.006")
        let (a, b) = try Self.lockstep(parent, fork, batches: 3)
        // the first batch after the fork is computed from the same weights: same loss
        #expect(a[0].lossPerPixel == b[0].lossPerPixel)
        #expect(a[1].lossPerPixel != b[1].lossPerPixel)
        #expect(parent.model.parameters.array != fork.model.parameters.array)
    }

    @Test("penalty and corruption forks change only their own strengths")
    func penaltyAndCorruptionForks() throws {
        let parent = try Trainer(config: Self.config(), dataset: Self.data)
        let (penalty, _) = try parent.fork(name: "p", change: .penaltyUp)
        #expect(penalty.config.regularization.l1 == 2e-3 && penalty.config.regularization.kl?.beta == 0.2)
        #expect(penalty.config.regularization.denoising?.level == 0.2)
        let (noise, detail) = try parent.fork(name: "n", change: .corruptionDown)
        #expect(noise.config.regularization.denoising?.level == 0.1 && noise.config.regularization.l1 == 1e-3)
        #expect(detail == "mask noise 0.1")
    }

    @Test("a run without a penalty refuses a penalty fork with a message naming it")
    func aForkWithNothingToChangeIsRefused() throws {
        var config = Self.config()
        config.regularization = .none
        let parent = try Trainer(config: config, dataset: Self.data)
        #expect {
            try parent.fork(name: "root-b1", change: .penaltyDown)
        } throws: { error in
            "\(error)"
                == "root has no penalty strength to change (no L1, KL or contractive penalty); fork with another setting"
        }
    }

    @Test("a tree saved and resumed has the same parents and fork steps, and trains on identically")
    func aSavedTreeResumesAsTheSameTree() throws {
        let folder = NSTemporaryDirectory() + "aelab-fork-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let root = try Trainer(config: Self.config(), dataset: Self.data)
        for _ in 0..<5 { try root.trainBatch() }
        let (child, _) = try root.fork(name: "root-b1", change: .learningRateDown)
        for _ in 0..<2 { try child.trainBatch() }
        let (grandchild, _) = try child.fork(name: "root-b1-b1", change: .penaltyUp)
        for (trainer, file) in [(root, "root"), (child, "child"), (grandchild, "grandchild")] {
            try trainer.saveCheckpoint(to: "\(folder)/\(file).safetensors")
        }
        let loaded = try ["root", "child", "grandchild"].map {
            try Checkpoint.load(path: "\(folder)/\($0).safetensors", dataset: Self.data)
        }
        #expect(loaded[0].lineage == nil)
        #expect(loaded[1].lineage == RunLineage(parent: "root", forkEpoch: 1, forkStep: 5, change: "lr x0.5"))
        #expect(loaded[2].lineage == RunLineage(parent: "root-b1", forkEpoch: 1, forkStep: 7, change: "penalty x2"))
        #expect(loaded.map(\.config.name) == ["root", "root-b1", "root-b1-b1"])
        let straight = try grandchild.trainBatch()
        let resumed = try loaded[2].trainBatch()
        #expect(straight.lossPerPixel.bitPattern == resumed.lossPerPixel.bitPattern)
    }

    @Test("summarize shows each branch's parent, fork epoch and step, and change")
    func summarizeShowsTheTree() throws {
        let lineage = RunLineage(parent: "sparse-l1", forkEpoch: 3, forkStep: 1290, change: "lr x2")
        let epoch: JSONObject = [
            "event": "epoch", "epoch": .integer(5), "step": .integer(2150),
            "train_bce_per_pixel": .number(0.1), "val_bce_per_pixel": .number(0.11),
        ]
        let runs = [
            RunSummary(run: "sparse-l1", records: [epoch]),
            RunSummary(run: "sparse-l1-b1", records: [lineage.record, epoch]),
        ]
        #expect(runs[1].lineage == lineage && runs[0].lineage == nil)
        let table = RunSummary.table(runs).components(separatedBy: "\n")
        #expect(table[0].hasSuffix("parent     fork at   change"))
        #expect(table[1].hasSuffix("-          -         -"))
        #expect(table[2].hasSuffix("sparse-l1  e3/s1290  lr x2"))
        let csv = RunSummary.csv(runs).components(separatedBy: "\n")
        #expect(csv[0].hasSuffix("parent,fork_epoch,fork_step,change"))
        #expect(csv[2].hasSuffix("sparse-l1,3,1290,lr x2"))
    }
}
