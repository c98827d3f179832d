// Regularization: which penalties and corruptions a run adds to its reconstruction loss.
//
// The training objective is, per batch of B examples with D pixels and H code units,
//   J = L/px  +  λ₁·(1/B)Σ_b Σ_i |h_bi|                      (sparse, L1)
//            +  β·Σ_j KL(ρ ‖ ρ̂_j),  ρ̂_j = (1/B)Σ_b h_bj      (sparse, KL)
//            +  λ_c·(1/B)Σ_b ‖∂h_b/∂x_b‖²_F                  (contractive)
//            +  λ₂·(1/B)Σ_b Σ_i h_bi²                        (L2 on the code)
// (each a CodePenalty in the registry, CodePenalties.all) where L/px is the reconstruction loss averaged over batch and pixels (BCE/px or MSE/px).
// Every penalty is per example averaged over the batch and added to a per-pixel loss, so its
// weight is effectively D = 784 times larger than in a per-image objective (Σ over pixels):
// λ₁ = 1e-4 here equals λ₁ = 0.0784 against BCE/img. L2 weight decay (on the weights, not the
// code) stays in the optimizer.
// k-sparse selection and denoising corruption change the forward pass instead of the objective.

/// The KL sparsity penalty's settings (Ng, "Sparse autoencoder", CS294A notes, 2011).
public struct KLSparsitySettings: Sendable, Equatable, Codable {
    /// β: weight of Σ_j KL(ρ ‖ ρ̂_j).
    public var beta: Float
    /// ρ: target mean activation of every code unit, in (0, 1).
    public var rho: Float
    /// nil: ρ̂ is the batch mean. A value d in [0, 1): ρ̂ = d·ρ̂_previous + (1−d)·batch mean, a
    /// running estimate across batches (its gradient flows through the batch part only).
    public var runningDecay: Float?

    public init(beta: Float, rho: Float, runningDecay: Float? = nil) {
        self.beta = beta
        self.rho = rho
        self.runningDecay = runningDecay
    }
}

/// How a denoising autoencoder corrupts its input (Vincent et al., 2008; Goodfellow et al. 14.5).
public enum CorruptionKind: String, CaseIterable, Sendable, Codable {
    /// Masking noise: each pixel set to 0 with probability ν.
    case mask
    /// Additive Gaussian noise of standard deviation σ, clipped to [0, 1].
    case gaussian
    /// Salt-and-pepper: each pixel set to 0 or 1 (equally likely) with probability ν.
    case saltPepper = "salt-pepper"

    /// Parses "mask", "masking", "gaussian", "salt-pepper", "saltpepper", "salt-and-pepper".
    public init?(name: String) {
        switch name.lowercased() {
        case "mask", "masking": self = .mask
        case "gaussian", "normal": self = .gaussian
        case "salt-pepper", "saltpepper", "salt-and-pepper", "salt_pepper": self = .saltPepper
        default: return nil
        }
    }
}

/// The corruption C(x̃ | x) of a denoising run.
public struct CorruptionSettings: Sendable, Equatable, Codable {
    public var kind: CorruptionKind
    /// ν (a fraction in [0, 1]) for masking and salt-and-pepper; σ (≥ 0) for Gaussian.
    public var level: Float

    public init(kind: CorruptionKind, level: Float) {
        self.kind = kind
        self.level = level
    }
}

/// Every regularizer of a run; nil or absent parts are off.
public struct Regularization: Sendable, Equatable {
    /// The code penalties that are on (CodePenalties.all), by name, with their parameters:
    /// ["l1": ["lambda": 1e-4], "kl": ["beta": 0.1, "rho": 0.05]].
    public var penalties: [String: PenaltyValues]
    /// k of k-sparse selection (Makhzani and Frey, 2013): keep the k largest code activations
    /// of each example, zero the others.
    public var kSparse: Int?
    /// Denoising: train on corrupted inputs against the clean ones.
    public var denoising: CorruptionSettings?

    public init(
        l1: Float? = nil, kl: KLSparsitySettings? = nil, kSparse: Int? = nil,
        denoising: CorruptionSettings? = nil, contractive: Float? = nil, penalties: [String: PenaltyValues] = [:]
    ) {
        self.penalties = penalties
        self.kSparse = kSparse
        self.denoising = denoising
        self.l1 = l1
        self.kl = kl
        self.contractive = contractive
    }

    /// No regularizer at all.
    public static let none = Regularization()

    /// The penalties that are on, in the registry's order.
    public var activePenalties: [(penalty: any CodePenalty, values: PenaltyValues)] {
        CodePenalties.all.compactMap { p in penalties[p.name].map { (p, $0) } }
    }

    /// True when some penalty adds to the objective (denoising and k-sparse do not).
    public var hasPenalty: Bool { !penalties.isEmpty }

    /// λ₁ of the L1 code penalty λ₁·(1/B)Σ_b Σ_i |h_bi| (a shorthand for penalties["l1"]).
    public var l1: Float? {
        get { penalties["l1"]?["lambda"] }
        set { penalties["l1"] = newValue.map { ["lambda": $0] } }
    }

    /// The KL sparsity penalty (sigmoid code units), a shorthand for penalties["kl"].
    public var kl: KLSparsitySettings? {
        get { penalties["kl"].map(KLSparsityCodePenalty.settings) }
        set {
            penalties["kl"] = newValue.map { settings in
                var values: PenaltyValues = ["beta": settings.beta, "rho": settings.rho]
                values["running_decay"] = settings.runningDecay
                return values
            }
        }
    }

    /// λ_c of the contractive penalty λ_c·(1/B)Σ_b ‖J_b‖²_F (a shorthand for
    /// penalties["contractive"]).
    public var contractive: Float? {
        get { penalties["contractive"]?["lambda"] }
        set { penalties["contractive"] = newValue.map { ["lambda": $0] } }
    }

    /// Problems with these settings for `architecture`, as user-facing sentences.
    public func validationErrors(for architecture: Architecture) -> [String] {
        var errors: [String] = []
        let h = architecture.codeSize
        for name in penalties.keys.sorted() where CodePenalties.named(name) == nil {
            errors.append(
                "unknown code penalty '\(name)'; aelab has \(CodePenalties.all.map(\.name).joined(separator: ", "))")
        }
        for (penalty, values) in activePenalties {
            errors += CodePenalties.problems(penalty, values, architecture: architecture)
        }
        if let k = kSparse, k < 1 || k > h {
            errors.append("k-sparse k must be between 1 and the code size \(h), got \(k)")
        }
        if let denoising {
            let level = denoising.level
            switch denoising.kind {
            case .mask, .saltPepper:
                if !(level >= 0 && level <= 1) {
                    errors.append("\(denoising.kind.rawValue) corruption level is a fraction in [0, 1], got \(level)")
                }
            case .gaussian:
                if !(level >= 0) || !level.isFinite {
                    errors.append("Gaussian corruption σ must be >= 0, got \(level)")
                }
            }
        }
        return errors
    }
}

/// In a checkpoint's configuration JSON each penalty sits under its name: a one-parameter
/// penalty as its number ("l1": 0.0001), others as an object of their parameters
/// ("kl": {"beta": 0.1, "rho": 0.05}); the same form the fields had before the registry.
extension Regularization: Codable {
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        self.init(
            kSparse: try c.decodeIfPresent(Int.self, forKey: Key("kSparse")),
            denoising: try c.decodeIfPresent(CorruptionSettings.self, forKey: Key("denoising")))
        for penalty in CodePenalties.all {
            let key = Key(penalty.name)
            guard c.contains(key), try !c.decodeNil(forKey: key) else { continue }
            if penalty.parameters.count == 1 {
                penalties[penalty.name] = [penalty.parameters[0].key: try c.decode(Float.self, forKey: key)]
            } else {
                let object = try c.nestedContainer(keyedBy: Key.self, forKey: key)
                var values: PenaltyValues = [:]
                for p in penalty.parameters {
                    values[p.key] = try object.decodeIfPresent(Float.self, forKey: Key(p.codingKey))
                }
                penalties[penalty.name] = values
            }
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encodeIfPresent(kSparse, forKey: Key("kSparse"))
        try c.encodeIfPresent(denoising, forKey: Key("denoising"))
        for (penalty, values) in activePenalties {
            let key = Key(penalty.name)
            if penalty.parameters.count == 1 {
                try c.encodeIfPresent(values[penalty.parameters[0].key], forKey: key)
            } else {
                var object = c.nestedContainer(keyedBy: Key.self, forKey: key)
                for p in penalty.parameters { try object.encodeIfPresent(values[p.key], forKey: Key(p.codingKey)) }
            }
        }
    }
}
