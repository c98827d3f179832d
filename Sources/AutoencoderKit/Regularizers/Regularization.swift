// Regularization: which penalties and corruptions a run adds to its reconstruction loss.
//
// The training objective is, per batch of B examples with D pixels and H code units,
//   J = L/px  +  λ₁·(1/B)Σ_b Σ_i |h_bi|                      (sparse, L1)
//            +  β·Σ_j KL(ρ ‖ ρ̂_j),  ρ̂_j = (1/B)Σ_b h_bj      (sparse, KL)
//            +  λ_c·(1/B)Σ_b ‖∂h_b/∂x_b‖²_F                  (contractive)
// where L/px is the reconstruction loss averaged over batch and pixels (BCE/px or MSE/px).
// Every penalty is per example averaged over the batch and added to a per-pixel loss, so its
// weight is effectively D = 784 times larger than in a per-image objective (Σ over pixels):
// λ₁ = 1e-4 here equals λ₁ = 0.0784 against BCE/img. L2 weight decay stays in the optimizer.
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

/// Every regularizer of a run; nil parts are off.
public struct Regularization: Sendable, Equatable, Codable {
    /// λ₁ of the L1 code penalty λ₁·(1/B)Σ_b Σ_i |h_bi|.
    public var l1: Float?
    /// The KL sparsity penalty (sigmoid code units).
    public var kl: KLSparsitySettings?
    /// k of k-sparse selection (Makhzani and Frey, 2013): keep the k largest code activations
    /// of each example, zero the others.
    public var kSparse: Int?
    /// Denoising: train on corrupted inputs against the clean ones.
    public var denoising: CorruptionSettings?
    /// λ_c of the contractive penalty λ_c·(1/B)Σ_b ‖J_b‖²_F (single encoder layer).
    public var contractive: Float?

    public init(
        l1: Float? = nil, kl: KLSparsitySettings? = nil, kSparse: Int? = nil,
        denoising: CorruptionSettings? = nil, contractive: Float? = nil
    ) {
        self.l1 = l1
        self.kl = kl
        self.kSparse = kSparse
        self.denoising = denoising
        self.contractive = contractive
    }

    /// No regularizer at all.
    public static let none = Regularization()

    /// True when some penalty adds to the objective (denoising and k-sparse do not).
    public var hasPenalty: Bool { l1 != nil || kl != nil || contractive != nil }

    /// Problems with these settings for `architecture`, as user-facing sentences.
    public func validationErrors(for architecture: Architecture) -> [String] {
        var errors: [String] = []
        let h = architecture.codeSize
        if let l1, !(l1 >= 0) || !l1.isFinite { errors.append("L1 λ must be >= 0, got \(l1)") }
        if let kl {
            if !(kl.beta >= 0) || !kl.beta.isFinite { errors.append("KL sparsity β must be >= 0, got \(kl.beta)") }
            if !(kl.rho > 0 && kl.rho < 1) { errors.append("KL sparsity ρ must be in (0, 1), got \(kl.rho)") }
            if let d = kl.runningDecay, !(d >= 0 && d < 1) {
                errors.append("KL running-estimate decay must be in [0, 1), got \(d)")
            }
            if architecture.codeActivation != .sigmoid || architecture.stochasticCode {
                errors.append("KL sparsity needs sigmoid code units (ρ̂ must lie in (0, 1)), but the code activation is \(architecture.codeActivation.rawValue)")
            }
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
                if !(level >= 0) || !level.isFinite { errors.append("Gaussian corruption σ must be >= 0, got \(level)") }
            }
        }
        if let contractive {
            if !(contractive >= 0) || !contractive.isFinite { errors.append("contractive λ must be >= 0, got \(contractive)") }
            if architecture.depth != 1 {
                errors.append("the contractive penalty has a closed form for one encoder layer only; this encoder has \(architecture.depth)")
            }
            if ContractivePenalty.derivativeKind(architecture.codeActivation) == nil || architecture.stochasticCode {
                errors.append("the contractive penalty needs a sigmoid, tanh or relu code layer, got \(architecture.codeActivation.rawValue)")
            }
        }
        return errors
    }
}
