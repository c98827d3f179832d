// PresetFormat: the schema of an experiment preset (samples/*.toml), as data for PresetReader.
//
//   name, description, seed
//   [model]      kind, layers, activation, code_activation, output, loss, tied
//   [train]      optimizer, learning_rate, momentum, nesterov, weight_decay, clip, batch_size,
//                epochs, pretrain_epochs_per_layer, holdout_class
//   [regularizer.k_sparse] k           [regularizer.denoising] kind, level
//   [regularizer.<penalty>] its parameters, for every code penalty in CodePenalties.all:
//     l1: lambda   kl: beta, rho, running_decay   contractive: lambda   l2: lambda
//   [vae] beta   [psd] lambda, gamma, inference_steps   [recirculation] regression
// A regularizer is on when its table appears; its required keys are then checked too.

/// The preset schema and the keys each regularizer table needs.
public enum PresetFormat {
    static let activations = Activation.allCases.map(\.rawValue) + ["linear"]

    /// Every key a preset may hold, with types, ranges, choices and defaults.
    public static let schema = PresetSchema(
        [
            PresetKey("name", .string, required: true),
            PresetKey("description", .string, default: .string("")),
            PresetKey("seed", .integer, range: .atLeast(0), default: .integer(1)),
            PresetKey(
                "model.kind", .string, choices: ModelKind.allCases.map(\.rawValue), default: .string("autoencoder")),
            PresetKey("model.layers", .array(of: .integer), range: .closed(1, 65_536), required: true),
            PresetKey("model.activation", .string, choices: activations, default: .string("relu")),
            PresetKey("model.code_activation", .string, choices: activations),
            PresetKey("model.output", .string, choices: activations, default: .string("sigmoid")),
            PresetKey(
                "model.loss", .string, choices: ReconstructionLoss.allCases.map(\.rawValue), default: .string("bce")),
            PresetKey("model.tied", .bool, default: .bool(false)),
            PresetKey(
                "train.optimizer", .string, choices: OptimizerKind.allCases.map(\.rawValue), default: .string("adam")),
            PresetKey("train.learning_rate", .float, range: .greaterThan(0), default: .float(1e-3)),
            PresetKey(
                "train.momentum", .float, range: PresetRange(lower: 0, upper: 1, upperInclusive: false),
                default: .float(0.9)),
            PresetKey("train.nesterov", .bool, default: .bool(false)),
            PresetKey("train.weight_decay", .float, range: .atLeast(0), default: .float(0)),
            PresetKey("train.clip", .float, range: .greaterThan(0)),
            PresetKey("train.batch_size", .integer, range: .closed(1, 65_536), default: .integer(128)),
            PresetKey("train.epochs", .integer, range: .closed(0, 1_000_000), default: .integer(20)),
            PresetKey("train.pretrain_epochs_per_layer", .integer, range: .closed(0, 10_000), default: .integer(0)),
            PresetKey("train.holdout_class", .integer, range: .closed(0, 255)),
            PresetKey("regularizer.k_sparse.k", .integer, range: .atLeast(1)),
            PresetKey("regularizer.denoising.kind", .string, choices: CorruptionKind.allCases.map(\.rawValue)),
            PresetKey("regularizer.denoising.level", .float, range: .atLeast(0)),
            PresetKey("vae.beta", .float, range: .atLeast(0), default: .float(1)),
            PresetKey("psd.lambda", .float, range: .atLeast(0), default: .float(Double(PSDSettings().lambda))),
            PresetKey("psd.gamma", .float, range: .atLeast(0), default: .float(Double(PSDSettings().gamma))),
            PresetKey(
                "psd.inference_steps", .integer, range: .closed(0, 1000),
                default: .integer(PSDSettings().inferenceSteps)),
            PresetKey(
                "recirculation.regression", .float, range: PresetRange(lower: 0, upper: 1, upperInclusive: false),
                default: .float(0.75)),
        ] + penaltyKeys)

    /// The code penalties' keys, from the registry.
    static var penaltyKeys: [PresetKey] {
        CodePenalties.all.flatMap { penalty in
            penalty.parameters.map {
                PresetKey(CodePenalties.presetTable(penalty) + "." + $0.key, .float, range: $0.range)
            }
        }
    }

    /// Keys a regularizer table must set once it appears.
    static let requiredInTable: [String: [String]] = [
        "regularizer.k_sparse": ["k"], "regularizer.denoising": ["kind", "level"],
    ].merging(
        CodePenalties.all.map { ($0.name, $0) }.map { name, penalty in
            (CodePenalties.presetTable(penalty), penalty.parameters.filter(\.required).map(\.key))
        }
    ) { a, _ in a }
}
