// Trainer behaviour: determinism, learning, divergence handling.
import Testing

@testable import AutoencoderKit

@Suite("Trainer")
struct TrainerTests {
    static func config(seed: UInt64 = 1, lr: Float = 1e-3) -> TrainingConfig {
        TrainingConfig(
            name: "t", architecture: Architecture(encoderSizes: [32]),
            optimizer: OptimizerSettings(kind: .adam, learningRate: lr), batchSize: 64, epochs: 2, seed: seed)
    }

    @Test("two runs with one seed give bit-identical losses and parameters")
    func sameSeedSameRun() throws {
        let data = SyntheticImages.dataset()
        var losses: [[Double]] = []
        var parameters: [[Float]] = []
        for _ in 0..<2 {
            let trainer = try Trainer(config: Self.config(), dataset: data)
            var run: [Double] = []
            for _ in 0..<2 {
                let m = try trainer.trainEpoch()
                run += [m.trainLossPerPixel, m.validationLossPerPixel]
            }
            losses.append(run)
            parameters.append(trainer.model.parameters.array)
        }
        #expect(losses[0] == losses[1])
        #expect(parameters[0] == parameters[1])
    }

    @Test("another seed gives another run")
    func otherSeedOtherRun() throws {
        let data = SyntheticImages.dataset()
        let a = try Trainer(config: Self.config(seed: 1), dataset: data).trainEpoch()
        let b = try Trainer(config: Self.config(seed: 2), dataset: data).trainEpoch()
        #expect(a.trainLossPerPixel != b.trainLossPerPixel)
    }

    @Test("validation loss falls over three epochs")
    func learns() throws {
        let trainer = try Trainer(config: Self.config(lr: 3e-3), dataset: SyntheticImages.dataset())
        let before = trainer.inspector.evaluate(trainer.dataset.validation).perPixel
        for _ in 0..<3 { try trainer.trainEpoch() }
        let after = trainer.history.last!.validationLossPerPixel
        #expect(after < before * 0.8, "validation \(before) -> \(after)")
    }

    @Test("a diverging run stops naming step and layer and keeps the last good parameters")
    func divergenceIsCaught() throws {
        var config = Self.config(lr: 1e6)
        config.optimizer = OptimizerSettings(kind: .sgd, learningRate: 1e6, momentum: 0)
        config.loss = .mse
        config.architecture.outputActivation = .identity
        let trainer = try Trainer(config: config, dataset: SyntheticImages.dataset())
        var caught: TrainingError?
        for _ in 0..<50 {
            do { try trainer.trainBatch() } catch let error as TrainingError {
                caught = error
                break
            }
        }
        guard case .diverged(let step, let layer, _)? = caught else {
            Issue.record("expected divergence, got \(String(describing: caught))")
            return
        }
        #expect(step >= 1)
        #expect(layer.hasPrefix("encoder") || layer.hasPrefix("decoder"), "layer: \(layer) \(caught!)")
        #expect(trainer.model.parameters.allFinite())
        #expect(caught!.description.contains("step \(step)"))
    }

    @Test("a model whose input size differs from the images is refused before training")
    func dataMismatch() {
        var config = Self.config()
        config.architecture.inputSize = 100
        #expect(throws: TrainingError.self) { try Trainer(config: config, dataset: SyntheticImages.dataset()) }
    }
}

@Suite("Changing settings during a run")
struct SettingChangeTests {
    @Test("scaling the regularization doubles λ and β, keeps noise at most 1, and says when there is none")
    func scaleRegularization() throws {
        var config = TrainerTests.config()
        config.regularization = Regularization(l1: 1e-4, denoising: CorruptionSettings(kind: .mask, level: 0.6))
        let trainer = try Trainer(config: config, dataset: SyntheticImages.dataset())
        let text = trainer.scaleRegularization(by: 2)
        #expect(trainer.config.regularization.l1 == 2e-4)
        #expect(trainer.config.regularization.denoising?.level == 1)
        #expect(trainer.regularizer.regularization.l1 == 2e-4)
        #expect(text?.contains("l1") == true)
        try trainer.trainBatch()
        let plain = try Trainer(config: TrainerTests.config(), dataset: SyntheticImages.dataset())
        #expect(plain.scaleRegularization(by: 2) == nil)
    }
}
