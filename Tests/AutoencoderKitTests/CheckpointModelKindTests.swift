// Checkpoints of the chapter-14 models: regularized codes (L1, KL with a running estimate,
// k-sparse, denoising, contractive), the VAE, PSD, recirculation and greedy pretraining resume
// bit for bit, mid-epoch too, and carry their rule's state (penalty sums, KL ρ̂, PSD's power
// vector, pretraining).
import TestSupport
import Testing

@testable import AutoencoderKit
@testable import Formats

@Suite("Checkpoint of every model kind")
struct CheckpointModelKindTests {
    static let variants = [
        "l1", "kl-running", "k-sparse", "denoising-mask", "denoising-gaussian", "contractive", "vae", "psd",
        "recirculation", "pretrained",
    ]

    /// CheckpointTests' small run (784-16-784, Adam, 3 epochs of 4 batches) made into `variant`.
    static func config(_ variant: String) -> TrainingConfig {
        var c = CheckpointTests.config()
        switch variant {
        case "l1":
            c.regularization.l1 = 1e-3
        case "kl-running":
            c.architecture.codeActivation = .sigmoid
            c.regularization.kl = KLSparsitySettings(beta: 0.1, rho: 0.05, runningDecay: 0.9)
        case "k-sparse":
            c.regularization.kSparse = 4
        case "denoising-mask":
            c.regularization.denoising = CorruptionSettings(kind: .mask, level: 0.3)
        case "denoising-gaussian":
            c.regularization.denoising = CorruptionSettings(kind: .gaussian, level: 0.2)
        case "contractive":
            c.architecture.codeActivation = .sigmoid
            c.architecture.tiedWeights = true
            c.regularization.contractive = 0.1
        case "vae":
            c.kind = .vae
        case "psd":
            c.kind = .psd
        case "recirculation":
            c.kind = .recirculation
            c.architecture.codeActivation = .sigmoid
        case "pretrained":
            c.architecture.encoderSizes = [32, 8]
            c.pretrainEpochsPerLayer = 1
        default:
            break
        }
        return c
    }

    @Test("the variants are valid and differ from the plain run", arguments: variants)
    func variantIsValid(_ variant: String) {
        let config = Self.config(variant)
        #expect(config.validationErrors().isEmpty)
        #expect(config != CheckpointTests.config())
    }

    @Test("a save at an epoch's end or in mid-epoch resumes bit for bit", arguments: variants)
    func exactResume(_ variant: String) throws {
        let config = Self.config(variant)
        let expected = try CheckpointTests.straight(config)
        #expect(try CheckpointTests.interrupted(config, afterBatches: 4) == expected)
        #expect(try CheckpointTests.interrupted(config, afterBatches: 6) == expected)
        #expect(expected.epochLosses.count == 6)
    }

    @Test("a save before the first batch resumes into the same greedy pretraining")
    func resumeBeforePretraining() throws {
        let config = Self.config("pretrained")
        #expect(try CheckpointTests.interrupted(config, afterBatches: 0) == CheckpointTests.straight(config))
    }

    @Test("the checkpoint carries the rule's state", arguments: variants)
    func ruleState(_ variant: String) throws {
        let folder = try ScratchFolder("ckkind")
        defer { folder.remove() }
        let config = Self.config(variant)
        let trainer = try Trainer(config: config, dataset: CheckpointTests.data)
        for _ in 0..<6 { try trainer.trainBatch() }
        let path = folder.file(Checkpoint.fileName)
        try trainer.saveCheckpoint(to: path)
        let loaded = try Checkpoint.load(path: path, dataset: CheckpointTests.data)
        #expect(loaded.config == config)
        #expect(loaded.model.parameters.array == trainer.model.parameters.array)
        #expect(loaded.state.epochPenaltySums == trainer.state.epochPenaltySums)
        #expect(loaded.state.epochPenaltySums.count == trainer.penaltyNames.count)
        #expect(loaded.pretrained == trainer.pretrained && loaded.pretrainingLosses == trainer.pretrainingLosses)
        #expect(loaded.regularizer.state(of: "kl") == trainer.regularizer.state(of: "kl"))
        #expect(loaded.psdRule?.powerVector == trainer.psdRule?.powerVector)
        #expect(loaded.history == trainer.history)

        let meta = Checkpoint.file(of: trainer).metadata
        #expect((meta["kl_running_estimate"] != nil) == (variant == "kl-running"))
        #expect((meta["psd_power_vector"] != nil) == (variant == "psd"))
        #expect(meta["pretrained"] == "true")
        switch variant {
        case "kl-running":
            #expect(trainer.regularizer.state(of: "kl").count == 16)
        case "psd":
            #expect(trainer.psdRule?.powerVector != [Float](repeating: 1, count: 16))
        case "pretrained":
            #expect(trainer.pretrainingLosses.count == 2)
        case "vae":
            // the code layer outputs μ and log σ², 2H values
            let file = try SafetensorsFile.read(path: path)
            #expect(file.tensor(named: "encoder.0.weight")?.shape == [32, 784])
            #expect(file.tensor(named: "optimizer.adam.m.encoder.0.bias")?.shape == [32])
        default:
            break
        }
    }

    @Test("penalty sums that do not fit the config are refused naming the key")
    func penaltySumsMismatch() throws {
        let folder = try ScratchFolder("ckkind")
        defer { folder.remove() }
        let trainer = try Trainer(config: Self.config("l1"), dataset: CheckpointTests.data)
        try trainer.trainBatch()
        var file = Checkpoint.file(of: trainer)
        file.metadata["epoch_penalty_sums"] = ""
        let path = folder.file("c.safetensors")
        try file.write(to: path)
        let error = #expect(throws: CheckpointError.self) {
            try Checkpoint.load(path: path, dataset: CheckpointTests.data)
        }
        #expect(
            error?.description.contains("\"epoch_penalty_sums\" has 0 values, but the config has 1 penalties") == true)
    }

    @Test("a checkpoint from before the model kinds (no penalty or pretraining keys) still resumes")
    func olderCheckpoint() throws {
        let folder = try ScratchFolder("ckkind")
        defer { folder.remove() }
        let config = CheckpointTests.config()
        let trainer = try Trainer(config: config, dataset: CheckpointTests.data)
        for _ in 0..<6 { try trainer.trainBatch() }
        var file = Checkpoint.file(of: trainer)
        for key in ["epoch_penalty_sums", "pretrained", "pretraining_losses"] { file.metadata[key] = nil }
        // the history as the older build wrote it: no penalty or code figures
        let history = try JSONParser.parse(Array((file.metadata["history"] ?? "").utf8))
        let trimmed = (history.arrayValue ?? []).map { epoch in
            var fields: JSONObject = [:]
            for (key, value) in epoch.objectValue?.fields ?? []
            where !["penalties", "meanCodeActivation", "nearZeroShare", "deadUnits", "meanJacobianFrobenius"].contains(
                key)
            {
                fields.append(key, value)
            }
            return JSONValue.object(fields)
        }
        file.metadata["history"] = JSONValue.array(trimmed).jsonText
        let path = folder.file("old.safetensors")
        try file.write(to: path)
        let loaded = try Checkpoint.load(path: path, dataset: CheckpointTests.data)
        #expect(loaded.pretrained && loaded.state.epochPenaltySums.isEmpty && loaded.step == 6)
        #expect(loaded.history.map(\.trainLossPerPixel) == trainer.history.map(\.trainLossPerPixel))
        #expect(loaded.history.first?.penalties == [])
        try loaded.trainEpoch()
        try trainer.trainEpoch()
        #expect(loaded.model.parameters.array == trainer.model.parameters.array)
    }
}
