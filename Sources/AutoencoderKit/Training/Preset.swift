// Preset: one experiment read from a TOML file, turned into a checked TrainingConfig.
//
// Defects are reported all at once as `file:line: message` naming the key: schema defects
// (unknown keys, wrong types, values out of range) from PresetReader, then missing keys of a
// regularizer table, then problems of the assembled configuration (a loss that needs another
// output, k larger than the code, ...) at the line of the key most concerned.
import Formats
import Foundation

/// A parsed, validated experiment preset.
public struct Preset: Sendable, Equatable {
    /// The preset's name ("sparse-kl").
    public let name: String
    /// One line for `aelab presets`.
    public let description: String
    /// Where it was read from.
    public let file: String
    /// The experiment.
    public let config: TrainingConfig

    /// Built-in presets in `samples/`, in the order the workbench's keys 1-9 pick them.
    public static let builtInNames = [
        "undercomplete", "sparse-kl", "sparse-l1", "k-sparse", "denoising-mask", "contractive", "deep",
        "vae", "undercomplete-2d", "denoising-gaussian", "denoising-saltpepper", "linear-pca", "psd",
        "recirculation",
    ]

    /// Parses and validates preset text.
    /// - Parameter file: the name used in messages.
    /// - Throws: `PresetLoadError.syntax` or `.invalid` with every defect.
    public static func parse(_ text: String, file: String) throws(PresetLoadError) -> Preset {
        let document: TOMLDocument
        do {
            document = try TOMLDocument.parse(text, file: file)
        } catch {
            throw .syntax(error)
        }
        let reader = PresetReader(document: document, schema: PresetFormat.schema)
        var problems = reader.problems()
        if !problems.isEmpty { throw .invalid(PresetError(problems: problems)) }
        problems += missingTableKeys(document)
        if !problems.isEmpty { throw .invalid(PresetError(problems: problems)) }
        let config = makeConfig(reader)
        let configProblems = config.validationErrors().map { message in
            PresetProblem(file: file, line: line(for: message, in: document), message: message)
        }
        if !configProblems.isEmpty { throw .invalid(PresetError(problems: configProblems)) }
        return Preset(
            name: config.name, description: reader.string("description") ?? "", file: file, config: config)
    }

    /// Reads and parses the preset at `path`.
    /// - Throws: `PresetLoadError`.
    public static func load(path: String) throws(PresetLoadError) -> Preset {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        return try parse(text, file: path)
    }

    /// Declared regularizer tables that lack one of their required keys.
    static func missingTableKeys(_ document: TOMLDocument) -> [PresetProblem] {
        var problems: [PresetProblem] = []
        for (table, keys) in PresetFormat.requiredInTable.sorted(by: { $0.key < $1.key }) {
            let header = document.tables.first { $0.name == table }
            let used = document.entries.filter { $0.table == table }
            guard header != nil || !used.isEmpty else { continue }
            for key in keys where document.entry(table, key) == nil {
                problems.append(
                    PresetProblem(
                        file: document.file, line: header?.line ?? used.first?.line,
                        message: "missing key \"\(key)\" in [\(table)]"))
            }
        }
        return problems
    }

    static func isDeclared(_ table: String, _ document: TOMLDocument) -> Bool {
        document.tables.contains { $0.name == table } || document.entries.contains { $0.table == table }
    }

    /// The configuration a schema-valid preset describes.
    static func makeConfig(_ r: PresetReader) -> TrainingConfig {
        let document = r.document
        func activation(_ path: String, _ fallback: Activation) -> Activation {
            r.string(path).flatMap { Activation(name: $0) } ?? fallback
        }
        let hidden = activation("model.activation", .relu)
        let architecture = Architecture(
            encoderSizes: r.integers("model.layers") ?? [32], hiddenActivation: hidden,
            codeActivation: activation("model.code_activation", hidden),
            outputActivation: activation("model.output", .sigmoid),
            tiedWeights: r.bool("model.tied") ?? false)
        var regularization = Regularization()
        // each code penalty from its table (the schema has checked its keys and ranges)
        for penalty in CodePenalties.all where isDeclared(CodePenalties.presetTable(penalty), document) {
            var values: PenaltyValues = [:]
            for p in penalty.parameters {
                values[p.key] = r.double(CodePenalties.presetTable(penalty) + "." + p.key).map { Float($0) }
            }
            regularization.penalties[penalty.name] = values
        }
        if isDeclared("regularizer.k_sparse", document) { regularization.kSparse = r.integer("regularizer.k_sparse.k") }
        if isDeclared("regularizer.denoising", document) {
            regularization.denoising = CorruptionSettings(
                kind: r.string("regularizer.denoising.kind").flatMap { CorruptionKind(name: $0) } ?? .mask,
                level: Float(r.double("regularizer.denoising.level") ?? 0))
        }
        var config = TrainingConfig(
            name: r.string("name") ?? "preset",
            kind: r.string("model.kind").flatMap { ModelKind(name: $0) } ?? .autoencoder,
            architecture: architecture,
            loss: r.string("model.loss").flatMap { ReconstructionLoss(name: $0) } ?? .bce,
            regularization: regularization,
            optimizer: OptimizerSettings(
                kind: r.string("train.optimizer").flatMap { OptimizerKind(rawValue: $0) } ?? .adam,
                learningRate: Float(r.double("train.learning_rate") ?? 1e-3),
                momentum: Float(r.double("train.momentum") ?? 0.9), nesterov: r.bool("train.nesterov") ?? false,
                weightDecay: Float(r.double("train.weight_decay") ?? 0),
                clipNorm: r.double("train.clip").map { Float($0) }),
            batchSize: r.integer("train.batch_size") ?? 128, epochs: r.integer("train.epochs") ?? 20,
            seed: UInt64(max(0, r.integer("seed") ?? 1)),
            pretrainEpochsPerLayer: r.integer("train.pretrain_epochs_per_layer") ?? 0,
            vae: VAESettings(beta: Float(r.double("vae.beta") ?? 1)),
            psd: PSDSettings(
                lambda: Float(r.double("psd.lambda") ?? 5e-4), gamma: Float(r.double("psd.gamma") ?? 1e-2),
                inferenceSteps: r.integer("psd.inference_steps") ?? 10),
            recirculation: RecirculationSettings(regression: Float(r.double("recirculation.regression") ?? 0.75)))
        config.holdoutClass = r.integer("train.holdout_class")
        return config
    }

    /// The line of the key a configuration problem is most about.
    static func line(for message: String, in document: TOMLDocument) -> Int? {
        let lower = message.lowercased()
        let penalties = CodePenalties.all.map {
            ($0.title.lowercased() + " ", CodePenalties.presetTable($0), $0.parameters[0].key)
        }
        let guesses: [(String, String, String)] =
            [
                ("k-sparse", "regularizer.k_sparse", "k"), ("kl sparsity", "regularizer.kl", "rho"),
                ("contractive", "regularizer.contractive", "lambda"), ("corruption", "regularizer.denoising", "level"),
                ("cross-entropy", "model", "output"), ("sigmoid", "model", "code_activation"),
                ("tied", "model", "tied"), ("encoder layer", "model", "layers"),
                ("pretraining", "train", "pretrain_epochs_per_layer"),
                ("psd", "psd", "lambda"), ("regression", "recirculation", "regression"),
            ] + penalties + [("regularizer", "model", "kind")]
        for (word, table, key) in guesses where lower.contains(word) {
            if let entry = document.entry(table, key) { return entry.line }
            if let header = document.tables.first(where: { $0.name == table }) { return header.line }
        }
        return document.entry("model", "layers")?.line ?? document.tables.first?.line
    }
}

/// Why a preset could not be used.
public enum PresetLoadError: Error, Equatable, CustomStringConvertible {
    /// No preset of that name in any search folder; `available` lists the presets that are.
    case notFound(name: String, searched: [String], available: [String])
    case unreadable(path: String, reason: String)
    /// Not valid TOML (file, line, column).
    case syntax(TOMLError)
    /// Valid TOML with defects: each names file, line and key.
    case invalid(PresetError)

    public var description: String {
        switch self {
        case .notFound(let name, let searched, let available):
            let folders = searched.isEmpty ? "no samples folder found" : "looked in " + searched.joined(separator: ", ")
            let choices = available.isEmpty ? "" : "; presets: " + available.joined(separator: ", ")
            return
                "no preset named \"\(name)\" (\(folders))\(choices); set AELAB_PRESETS to the folder of presets, or give a path to a .toml file"
        case .unreadable(let path, let reason): return "cannot read preset \(path): \(reason)"
        case .syntax(let error): return error.description
        case .invalid(let error): return error.description
        }
    }
}
