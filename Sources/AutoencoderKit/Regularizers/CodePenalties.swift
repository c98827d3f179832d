// CodePenalties: the registry of code penalties. Adding one is its file (a CodePenalty and its
// CodePenaltyTerm) and one line in `all`; presets, flags, the workbench, summaries, checkpoints
// and metrics find it here.

/// Every code penalty aelab knows.
public enum CodePenalties {
    /// In the order their values are computed and reported.
    public static let all: [any CodePenalty] = [
        L1CodePenalty(),
        KLSparsityCodePenalty(),
        ContractiveCodePenalty(),
        L2CodePenalty(),
    ]

    /// The penalty called `name`.
    public static func named(_ name: String) -> (any CodePenalty)? { all.first { $0.name == name } }

    /// "regularizer.l1": the preset table of a penalty.
    public static func presetTable(_ penalty: any CodePenalty) -> String { "regularizer." + penalty.name }

    /// "L1 λ 0.0001", "KL β 0.1 ρ 0.05 decay 0.9": a penalty's values in words.
    public static func describe(_ penalty: any CodePenalty, _ values: PenaltyValues) -> String {
        ([penalty.title] + penalty.parameters.compactMap { p in values[p.key].map { "\(p.symbol) \($0)" } })
            .joined(separator: " ")
    }

    /// Problems with `values` (ranges, then the penalty's own checks), as sentences.
    public static func problems(_ penalty: any CodePenalty, _ values: PenaltyValues, architecture: Architecture)
        -> [String]
    {
        var errors: [String] = []
        for p in penalty.parameters {
            if let v = values[p.key], !(v.isFinite && p.range.contains(Double(v))) {
                errors.append("\(penalty.title) \(p.symbol) must be \(p.range.description), got \(v)")
            } else if values[p.key] == nil && p.required && p.defaultValue == nil {
                errors.append("\(penalty.title) needs \(p.key)")
            }
        }
        return errors + penalty.problems(values, architecture: architecture)
    }

    /// Help for `--penalty`: one line per penalty with its keys.
    public static var flagHelp: String {
        all.map { p in
            "\(p.name): \(p.formula) (" + p.parameters.map { $0.key }.joined(separator: ", ") + ")"
        }.joined(separator: "; ")
    }
}
