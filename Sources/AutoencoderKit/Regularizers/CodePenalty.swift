// CodePenalty: what one penalty Ω(h) on the code layer declares, so that everything around it
// (preset tables, the --penalty flag, the workbench's ] and [, the run summary, checkpoints,
// metric names) reads it from the registry (CodePenalties.all) instead of naming it.
//
// A penalty is one file: a declaration (a value conforming to CodePenalty: name, parameters,
// checks, checkpoint state) and its term (a class conforming to CodePenaltyTerm: the value and
// gradient for a batch of codes). Its parameters are floats by key: the preset keys under
// [regularizer.<name>], the keys of `--penalty <name>.<key>=<value>`, and the checkpoint's JSON.
// Every penalty is per example averaged over the batch and added to the per-pixel loss (see
// Regularization for the units).
// Speed: terms are made through the registry's existentials, where the compiler cannot
// specialize them for Float by itself; each kernel (the loops over B×H) therefore carries
// `@_specialize(where T == Float)`. Without it the sparse-KL model trained 37% slower.

/// One parameter of a code penalty.
public struct PenaltyParameter: Sendable {
    /// The preset key and the flag's key: "lambda", "beta", "running_decay".
    public let key: String
    /// The key in the checkpoint's configuration JSON ("runningDecay"); `key` unless given.
    public let codingKey: String
    /// Its symbol in summaries and notes: "λ", "β", "ρ".
    public let symbol: String
    /// Values a preset or flag may give.
    public let range: PresetRange
    /// A preset's table must give it (else the default, or off when there is none).
    public let required: Bool
    /// Used when a flag turns the penalty on without giving this parameter; nil: left off.
    public let defaultValue: Float?
    /// The workbench's ] and [ and the penalty forks scale it.
    public let isStrength: Bool

    public init(
        _ key: String, symbol: String, range: PresetRange, required: Bool = true, defaultValue: Float? = nil,
        isStrength: Bool = false, codingKey: String? = nil
    ) {
        self.key = key
        self.symbol = symbol
        self.range = range
        self.required = required
        self.defaultValue = defaultValue
        self.isStrength = isStrength
        self.codingKey = codingKey ?? key
    }
}

/// The values of a penalty's parameters, by key.
public typealias PenaltyValues = [String: Float]

/// The declaration of a code penalty, registered in `CodePenalties.all`.
public protocol CodePenalty: Sendable {
    /// "l1": the preset table [regularizer.l1], `--penalty l1=...`, the metric
    /// `train_l1_penalty`, the checkpoint's configuration key.
    var name: String { get }
    /// "L1", "KL": how summaries and messages name it.
    var title: String { get }
    /// Ω in one line, for `--help` and the README: "λ·(1/B)Σ_b Σ_i |h_bi|".
    var formula: String { get }
    /// Its parameters; the first strength is the one `--penalty <name>=<value>` sets.
    var parameters: [PenaltyParameter] { get }
    /// Problems with `values` for `architecture` beyond the parameters' ranges, as sentences.
    func problems(_ values: PenaltyValues, architecture: Architecture) -> [String]
    /// The checkpoint metadata key of the state the term carries across batches (nil: none).
    var stateKey: String? { get }
    /// Whether a run with `values` keeps that state (KL keeps a running ρ̂ only with a decay).
    func keepsState(_ values: PenaltyValues) -> Bool
    /// The term for a model of scalar type T.
    func makeTerm<T: EngineScalar>(values: PenaltyValues, architecture: Architecture) -> any CodePenaltyTerm<T>
}

extension CodePenalty {
    public var stateKey: String? { nil }
    public func keepsState(_ values: PenaltyValues) -> Bool { false }
    public func problems(_ values: PenaltyValues, architecture: Architecture) -> [String] { [] }
    /// Parameters the ] and [ keys scale.
    public var strengths: [PenaltyParameter] { parameters.filter(\.isStrength) }
}

/// A code penalty in a run: its value and gradient for a batch of codes.
public protocol CodePenaltyTerm<Scalar>: AnyObject {
    associatedtype Scalar: EngineScalar
    /// The current parameter values (strengths change during a run).
    var values: PenaltyValues { get set }
    /// Ω for the codes `h` (B×H) of `model`, adding dΩ/dh into `dh` and any direct weight
    /// gradient into `weightGradients` (the model's gradient vector) when given.
    func apply(
        model: Autoencoder<Scalar>, code h: UnsafePointer<Scalar>, batch: Int, width: Int,
        codeGradient dh: UnsafeMutablePointer<Scalar>?, weightGradients: UnsafeMutablePointer<Scalar>?
    ) -> Double
    /// State carried across batches, saved in checkpoints (empty: none yet).
    var state: [Scalar] { get set }
    /// After an optimizer step (a running estimate moves on).
    func commit()
}

extension CodePenaltyTerm {
    public var state: [Scalar] {
        get { [] }
        set {}
    }
    public func commit() {}
}

/// The term of a penalty with one strength λ whose value and gradient depend on the codes alone
/// (L1, L2): `kernel(λ, h, batch, width, dh)` returns Ω and adds dΩ/dh into dh when given.
final class StrengthTerm<T: EngineScalar>: CodePenaltyTerm {
    typealias Kernel = (T, UnsafePointer<T>, Int, Int, UnsafeMutablePointer<T>?) -> Double
    var values: PenaltyValues
    let kernel: Kernel

    init(values: PenaltyValues, kernel: @escaping Kernel) {
        self.values = values
        self.kernel = kernel
    }

    func apply(
        model: Autoencoder<T>, code h: UnsafePointer<T>, batch: Int, width: Int,
        codeGradient dh: UnsafeMutablePointer<T>?, weightGradients: UnsafeMutablePointer<T>?
    ) -> Double {
        kernel(T(values["lambda"] ?? 0), h, batch, width, dh)
    }
}
