// ModelOptions: the command-line flags that describe an experiment, shared by the commands.
// Every flag is optional: a flag that is given overrides the preset (or the built-in
// defaults when there is no preset); one that is not given leaves it alone.
import ArgumentParser
import AutoencoderKit
import Foundation

struct ModelOptions: ParsableArguments {
    @Option(help: "Experiment preset: a name from `aelab presets` or a path to a .toml file.")
    var preset: String?
    @Option(help: "Model and training rule: autoencoder, vae, psd, recirculation.")
    var model: String?
    @Option(help: "Encoder widths, comma separated; the last is the code size (e.g. 256 or 512,128,32). Default 32.")
    var layers: String?
    @Option(help: "Hidden and code activation: identity, sigmoid, tanh, relu, leaky-relu, softplus. Default relu.")
    var activation: String?
    @Option(name: .customLong("code-activation"), help: "Code layer activation (default: --activation).")
    var codeActivation: String?
    @Option(help: "Output activation (sigmoid for BCE). Default sigmoid.")
    var output: String?
    @Option(help: "Reconstruction loss: bce (Bernoulli decoder) or mse (Gaussian decoder). Default bce.")
    var loss: String?
    @Flag(inversion: .prefixedNo, help: "Tie decoder weights to the encoder's (W_dec = W_encᵀ).")
    var tied: Bool?
    @Option(help: "Optimizer: sgd, adam, adamw. Default adam.")
    var optimizer: String?
    @Option(help: "Learning rate. Default 0.001.")
    var lr: Float?
    @Option(help: "SGD momentum. Default 0.9.")
    var momentum: Float?
    @Flag(inversion: .prefixedNo, help: "Nesterov momentum (SGD).")
    var nesterov: Bool?
    @Option(name: .customLong("weight-decay"), help: "L2 weight decay on weights.")
    var weightDecay: Float?
    @Option(help: "Clip the gradient's global L2 norm to this value.")
    var clip: Float?
    @Option(help: "Batch size. Default 128.")
    var batch: Int?
    @Option(help: "Epochs to train. Default 20 (the preset's); in the workbench, until paused unless given.")
    var epochs: Int?
    @Option(help: "Random seed: fixes initial weights, batch order and noise. Default 1.")
    var seed: UInt64?
    @Option(help: "L1 code penalty λ (λ·Σ|h| per example, averaged over the batch, added to the per-pixel loss).")
    var l1: Float?
    @Option(name: .customLong("kl-beta"), help: "KL sparsity weight β (needs --kl-rho or a preset's ρ).")
    var klBeta: Float?
    @Option(name: .customLong("kl-rho"), help: "KL sparsity target ρ in (0, 1).")
    var klRho: Float?
    @Option(name: .customLong("k-sparse"), help: "Keep the k largest code units of each example.")
    var kSparse: Int?
    @Option(help: "Denoising corruption: mask, gaussian or salt-pepper (with --noise-level).")
    var corruption: String?
    @Option(name: .customLong("noise-level"), help: "Corruption level: fraction for mask/salt-pepper, σ for gaussian.")
    var noiseLevel: Float?
    @Option(help: "Contractive penalty λ (one sigmoid/tanh/relu encoder layer).")
    var contractive: Float?
    @Option(
        help: ArgumentHelp(
            "A code penalty by name: NAME=STRENGTH, or NAME.KEY=VALUE for its other parameters; 0 turns it off (repeatable).",
            discussion: CodePenalties.flagHelp, valueName: "name=value"))
    var penalty: [String] = []
    @Option(name: .customLong("pretrain-epochs"), help: "Greedy layer-wise pretraining epochs per layer (deep models).")
    var pretrainEpochs: Int?
    @Option(
        name: .customLong("holdout-class"),
        help:
            "Train without this class (a label, e.g. 0-9); its validation images become anomalies (view A, aelab eval)."
    )
    var holdoutClass: Int?
    @Option(
        help:
            "Data: digits (built in), fashion (Debian's dataset-fashion-mnist), a folder of MNIST-named IDX files, an IDX or .npy file, or an .npz file (file.npz:ARRAY picks an array)."
    )
    var data: String = "digits"
    @Option(
        help:
            "BLAS threads (results are bit-identical for a fixed count). Default: OPENBLAS_NUM_THREADS, else SLURM_CPUS_PER_TASK, else 2."
    )
    var threads: Int?

    /// The BLAS thread count: --threads, else the environment's (see ThreadCount).
    func threadCount() throws -> Int { try ThreadCount.resolve(threads) }

    /// The preset these flags name, if any.
    func loadPreset() throws -> Preset? {
        guard let preset else { return nil }
        do {
            return try PresetLibrary().load(preset)
        } catch {
            throw UsageError(message: "--preset: \(error)")
        }
    }

    /// The configuration: the preset's (or the defaults), with every given flag applied.
    /// - Throws: a usage error naming the bad flag.
    func config(name: String?) throws -> TrainingConfig {
        let base =
            try loadPreset()?.config
            ?? TrainingConfig(name: "run", architecture: Architecture(encoderSizes: [32]))
        var config = base
        if let name { config.name = name }
        if let model {
            guard let kind = ModelKind(name: model) else {
                throw UsageError(
                    message:
                        "--model: unknown model '\(model)'; choose \(ModelKind.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            config.kind = kind
        }
        if let layers { config.architecture.encoderSizes = try Self.widths(layers) }
        func activationNamed(_ text: String, flag: String) throws -> Activation {
            guard let value = Activation(name: text) else {
                throw UsageError(
                    message:
                        "\(flag): unknown activation '\(text)'; choose one of \(Activation.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            return value
        }
        if let activation {
            let hidden = try activationNamed(activation, flag: "--activation")
            config.architecture.hiddenActivation = hidden
            if codeActivation == nil { config.architecture.codeActivation = hidden }
        }
        if let codeActivation {
            config.architecture.codeActivation = try activationNamed(codeActivation, flag: "--code-activation")
        }
        if let output { config.architecture.outputActivation = try activationNamed(output, flag: "--output") }
        if let loss {
            guard let value = ReconstructionLoss(name: loss) else {
                throw UsageError(message: "--loss: unknown loss '\(loss)'; choose bce or mse")
            }
            config.loss = value
        }
        if let tied { config.architecture.tiedWeights = tied }
        if let optimizer {
            guard let kind = OptimizerKind(rawValue: optimizer.lowercased()) else {
                throw UsageError(message: "--optimizer: unknown optimizer '\(optimizer)'; choose sgd, adam or adamw")
            }
            config.optimizer.kind = kind
        }
        if let lr { config.optimizer.learningRate = lr }
        if let momentum { config.optimizer.momentum = momentum }
        if let nesterov { config.optimizer.nesterov = nesterov }
        if let weightDecay { config.optimizer.weightDecay = weightDecay }
        if let clip { config.optimizer.clipNorm = clip }
        if let batch { config.batchSize = batch }
        if let epochs { config.epochs = epochs }
        if let seed { config.seed = seed }
        if let pretrainEpochs { config.pretrainEpochsPerLayer = pretrainEpochs }
        if let holdoutClass { config.holdoutClass = holdoutClass }
        try applyRegularizers(to: &config)
        _ = try threadCount()
        let problems = config.validationErrors()
        if !problems.isEmpty { throw UsageError(message: problems.joined(separator: "\n")) }
        return config
    }

    private func applyRegularizers(to config: inout TrainingConfig) throws {
        var r = config.regularization
        if let l1 { r.l1 = l1 == 0 ? nil : l1 }
        if klBeta != nil || klRho != nil {
            guard let rho = klRho ?? r.kl?.rho else {
                throw UsageError(message: "--kl-beta: also give --kl-rho (the target mean activation)")
            }
            r.kl = KLSparsitySettings(beta: klBeta ?? r.kl?.beta ?? 0.1, rho: rho, runningDecay: r.kl?.runningDecay)
        }
        if let kSparse { r.kSparse = kSparse == 0 ? nil : kSparse }
        if corruption != nil || noiseLevel != nil {
            let kind: CorruptionKind
            if let corruption {
                guard let value = CorruptionKind(name: corruption) else {
                    throw UsageError(
                        message: "--corruption: unknown kind '\(corruption)'; choose mask, gaussian or salt-pepper")
                }
                kind = value
            } else {
                guard let existing = r.denoising?.kind else {
                    throw UsageError(message: "--noise-level: also give --corruption")
                }
                kind = existing
            }
            r.denoising = CorruptionSettings(kind: kind, level: noiseLevel ?? r.denoising?.level ?? 0.3)
        }
        if let contractive { r.contractive = contractive == 0 ? nil : contractive }
        for setting in penalty { try Self.applyPenalty(setting, to: &r) }
        config.regularization = r
    }

    /// Applies one `--penalty` setting: "l2=0.001" sets the penalty's first strength (0 turns it
    /// off), "kl.rho=0.05" one parameter; the penalty's defaults fill what is not given.
    static func applyPenalty(_ setting: String, to r: inout Regularization) throws {
        let names = CodePenalties.all.map(\.name).joined(separator: ", ")
        let sides = setting.split(separator: "=", maxSplits: 1).map(String.init)
        guard sides.count == 2, let value = Float(sides[1].trimmingCharacters(in: .whitespaces)) else {
            throw UsageError(
                message: "--penalty: '\(setting)' is not NAME=NUMBER (example: --penalty l2=0.001; penalties: \(names))"
            )
        }
        let path = sides[0].split(separator: ".", maxSplits: 1).map(String.init)
        guard let penalty = CodePenalties.named(path[0]) else {
            throw UsageError(message: "--penalty: unknown penalty '\(path[0])'; choose \(names)")
        }
        guard
            let parameter = path.count == 2
                ? penalty.parameters.first(where: { $0.key == path[1] }) : penalty.strengths.first
        else {
            let keys = penalty.parameters.map(\.key).joined(separator: ", ")
            throw UsageError(
                message:
                    "--penalty: \(penalty.name) has no parameter '\(path.count == 2 ? path[1] : "")'; its keys: \(keys)"
            )
        }
        if parameter.isStrength && path.count == 1 && value == 0 {
            r.penalties[penalty.name] = nil
            return
        }
        var values = r.penalties[penalty.name] ?? [:]
        for p in penalty.parameters where values[p.key] == nil { values[p.key] = p.defaultValue }
        values[parameter.key] = value
        r.penalties[penalty.name] = values
    }

    static func widths(_ text: String) throws -> [Int] {
        var widths: [Int] = []
        for part in text.split(separator: ",") {
            guard let width = Int(part.trimmingCharacters(in: .whitespaces)), width > 0 else {
                throw UsageError(
                    message: "--layers: '\(part)' is not a positive whole number (example: --layers 512,128,32)")
            }
            widths.append(width)
        }
        if widths.isEmpty { throw UsageError(message: "--layers: give at least one width, e.g. --layers 32") }
        return widths
    }

    /// Loads the data these flags name, split into training and validation images by
    /// `splitSeed` (the run's seed, which a preset may set; default --seed, else 1).
    func dataset(seed splitSeed: UInt64? = nil) throws -> Dataset {
        do {
            return try DataSource(argument: data).load(seed: splitSeed ?? seed ?? 1)
        } catch {
            throw UsageError(message: "--data: \(error)")
        }
    }
}
