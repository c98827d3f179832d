// KLSparsityPenalty: Ω = β·Σ_j KL(ρ ‖ ρ̂_j) for sigmoid code units (Ng, "Sparse autoencoder",
// CS294A lecture notes, 2011; Goodfellow et al. 14.2.1).
//
// Shapes: B = batch, H = code units.
//   ρ̂_j = (1/B)Σ_b h_bj                  (or d·ρ̂_prev,j + (1−d)·(1/B)Σ_b h_bj, running)
//   KL(ρ ‖ ρ̂) = ρ log(ρ/ρ̂) + (1−ρ) log((1−ρ)/(1−ρ̂))
//   dΩ/dh_bj = β·(−ρ/ρ̂_j + (1−ρ)/(1−ρ̂_j))·c/B,   c = 1 (batch) or 1−d (running)
// ρ̂ is clamped to [1e-6, 1−1e-6] inside the logs so a saturated unit stays finite.

/// The KL-divergence sparsity penalty and its optional running estimate of ρ̂.
public struct KLSparsityPenalty<T: EngineScalar> {
    /// The settings; β may change during a run (`CodeRegularizer.setStrengths`).
    public internal(set) var settings: KLSparsitySettings
    /// Running ρ̂ per unit (empty until the first `commit`).
    public private(set) var running: [T]
    /// ρ̂ of the last `apply`, per unit.
    public private(set) var lastEstimate: [T]

    public init(settings: KLSparsitySettings, width: Int) {
        self.settings = settings
        running = []
        lastEstimate = [T](repeating: 0, count: width)
    }

    /// Value of the penalty, with its gradient added into `dh` when given.
    /// - Returns: β·Σ_j KL(ρ ‖ ρ̂_j).
    @discardableResult
    @_specialize(where T == Float)
    public mutating func apply(
        code h: UnsafePointer<T>, batch: Int, width: Int, gradient dh: UnsafeMutablePointer<T>?
    ) -> Double {
        let beta = T(settings.beta)
        let rho = T(settings.rho)
        var mean = [T](repeating: 0, count: width)
        for b in 0..<batch { for j in 0..<width { mean[j] += h[b * width + j] } }
        let decay = T(settings.runningDecay ?? 0)
        let useRunning = settings.runningDecay != nil && running.count == width
        var scale = T(1) / T(batch)
        for j in 0..<width {
            mean[j] /= T(batch)
            if useRunning { mean[j] = decay * running[j] + (1 - decay) * mean[j] }
        }
        if useRunning { scale *= 1 - decay }
        lastEstimate = mean
        var total = 0.0
        let lo = T(1e-6)
        let hi = 1 - T(1e-6)
        var slope = [T](repeating: 0, count: width)
        for j in 0..<width {
            let r = min(max(mean[j], lo), hi)
            total += Double(rho * T.log(rho / r) + (1 - rho) * T.log((1 - rho) / (1 - r)))
            slope[j] = beta * (-rho / r + (1 - rho) / (1 - r)) * scale
        }
        if let dh {
            for b in 0..<batch { for j in 0..<width { dh[b * width + j] += slope[j] } }
        }
        return Double(beta) * total
    }

    /// Sets the running ρ̂ (resuming a run); it takes effect when it has one value per unit.
    public mutating func restore(running values: [T]) { running = values }

    /// After a training step: the last estimate becomes the running one (running mode only).
    public mutating func commit() {
        guard settings.runningDecay != nil else { return }
        running = lastEstimate
    }
}

/// The KL sparsity penalty's registry entry: [regularizer.kl] beta, rho, running_decay,
/// `--kl-beta`/`--kl-rho` or `--penalty kl=β --penalty kl.rho=ρ`; its running ρ̂ is checkpoint
/// state ("kl_running_estimate").
public struct KLSparsityCodePenalty: CodePenalty {
    public let name = "kl"
    public let title = "KL"
    public let formula = "β·Σ_j KL(ρ ‖ ρ̂_j), ρ̂_j the mean of unit j (sigmoid codes)"
    public let parameters = [
        PenaltyParameter("beta", symbol: "β", range: .atLeast(0), defaultValue: 0.1, isStrength: true),
        PenaltyParameter("rho", symbol: "ρ", range: .open(0, 1)),
        PenaltyParameter(
            "running_decay", symbol: "decay", range: PresetRange(lower: 0, upper: 1, upperInclusive: false),
            required: false, codingKey: "runningDecay"),
    ]
    public let stateKey: String? = "kl_running_estimate"

    public func keepsState(_ values: PenaltyValues) -> Bool { values["running_decay"] != nil }

    public func problems(_ values: PenaltyValues, architecture: Architecture) -> [String] {
        guard architecture.codeActivation != .sigmoid || architecture.stochasticCode else { return [] }
        return [
            "KL sparsity needs sigmoid code units (ρ̂ must lie in (0, 1)), but the code activation is \(architecture.codeActivation.rawValue)"
        ]
    }

    public func makeTerm<T: EngineScalar>(values: PenaltyValues, architecture: Architecture) -> any CodePenaltyTerm<T> {
        Term<T>(values: values, width: architecture.codeSize)
    }

    static func settings(_ values: PenaltyValues) -> KLSparsitySettings {
        KLSparsitySettings(beta: values["beta"] ?? 0, rho: values["rho"] ?? 0.05, runningDecay: values["running_decay"])
    }

    final class Term<T: EngineScalar>: CodePenaltyTerm {
        var penalty: KLSparsityPenalty<T>
        var values: PenaltyValues {
            didSet { penalty.settings = KLSparsityCodePenalty.settings(values) }
        }
        init(values: PenaltyValues, width: Int) {
            self.values = values
            penalty = KLSparsityPenalty<T>(settings: KLSparsityCodePenalty.settings(values), width: width)
        }

        func apply(
            model: Autoencoder<T>, code h: UnsafePointer<T>, batch: Int, width: Int,
            codeGradient dh: UnsafeMutablePointer<T>?, weightGradients: UnsafeMutablePointer<T>?
        ) -> Double {
            penalty.apply(code: h, batch: batch, width: width, gradient: dh)
        }

        var state: [T] {
            get { penalty.running }
            set { penalty.restore(running: newValue) }
        }
        func commit() { penalty.commit() }
    }
}
