// CodeRegularizer: puts a run's code penalties and k-sparse selection into the model's two
// hooks, `forward(codeTransform:)` and `backward(codeGradient:)`, and keeps each penalty's value
// apart (they are reported as separate series, never folded into the reconstruction loss).
//
// Shapes: B = batch, H = code units (2H statistics for a VAE code).
// Order at the code layer in backward: penalties add dΩ/dh, then the k-sparse mask zeroes the
// gradient of dropped units, then the code activation's derivative applies.

/// One named term of the objective and its value for a batch, e.g. ("l1", 0.0123).
public struct PenaltyValue: Sendable, Equatable, Codable {
    /// Short name used in metric names: "l1" gives `train_l1_penalty`.
    public var name: String
    public var value: Double
    public init(name: String, value: Double) {
        self.name = name
        self.value = value
    }
}

/// The code penalties of one run, for a model of scalar type T.
public final class CodeRegularizer<T: EngineScalar> {
    public private(set) var regularization: Regularization
    public let architecture: Architecture
    /// β of the VAE's KL term (nil for a deterministic code).
    public let variationalWeight: Float?
    /// The run's penalties (from the registry, in its order), each with its name.
    public private(set) var terms: [(name: String, term: any CodePenaltyTerm<T>)]
    public let kSparse: KSparseSelection<T>?
    /// Penalty values of the last hook call, in a fixed order.
    public private(set) var lastPenalties: [PenaltyValue] = []

    /// - Parameter variationalWeight: β for a stochastic code's KL term.
    public init(
        regularization: Regularization, architecture: Architecture, capacity: Int, variationalWeight: Float? = nil
    ) {
        self.regularization = regularization
        self.architecture = architecture
        self.variationalWeight = architecture.stochasticCode ? (variationalWeight ?? 1) : nil
        let h = architecture.codeSize
        terms = regularization.activePenalties.map { penalty, values in
            (penalty.name, penalty.makeTerm(values: values, architecture: architecture))
        }
        kSparse = regularization.kSparse.map { KSparseSelection<T>(k: $0, width: h, capacity: capacity) }
    }

    /// Changes the strengths (λ, β, noise level) during a run; which penalties exist stays the
    /// same, and state such as a KL running estimate is kept.
    /// - Precondition: `new` has the same penalties as the current regularization.
    public func setStrengths(_ new: Regularization) {
        regularization = new
        for (name, term) in terms {
            if let values = new.penalties[name] { term.values = values }
        }
    }

    /// Names of the penalty terms this run reports, in order.
    public var penaltyNames: [String] { terms.map(\.name) + (variationalWeight != nil ? ["vae_kl"] : []) }

    /// The forward hook (k-sparse selection), or nil.
    public var codeTransform: ((UnsafeMutablePointer<T>, Int) -> Void)? {
        guard let kSparse else { return nil }
        return { h, batch in kSparse.select(h, batch: batch) }
    }

    /// The backward hook for `model` and this batch: adds every penalty's dΩ/dh (and the
    /// contractive penalty's direct weight gradient) and records the values.
    public func codeGradient(model: Autoencoder<T>, batch: Int) -> (UnsafePointer<T>, UnsafeMutablePointer<T>) -> Void {
        { [self] h, dh in
            self.evaluatePenalties(
                model: model, code: h, batch: batch, codeGradient: dh, weightGradients: model.gradients.pointer)
            self.kSparse?.maskGradient(dh, batch: batch)
        }
    }

    /// Computes the penalties of the code layer output of the last forward pass, without
    /// gradients (evaluation, or a step without back-propagation).
    public func evaluate(model: Autoencoder<T>, batch: Int) {
        evaluatePenalties(
            model: model, code: UnsafePointer(model.codeLayerOutput), batch: batch, codeGradient: nil,
            weightGradients: nil)
    }

    /// After an optimizer step: state such as the KL running estimate moves on.
    public func commit() { for (_, term) in terms { term.commit() } }

    /// The state penalty `name` carries across batches (empty: none).
    public func state(of name: String) -> [T] { terms.first { $0.name == name }?.term.state ?? [] }

    /// Sets penalty `name`'s state (resuming from a checkpoint); ignored without that penalty.
    public func restoreState(of name: String, _ values: [T]) { terms.first { $0.name == name }?.term.state = values }

    private func evaluatePenalties(
        model: Autoencoder<T>, code h: UnsafePointer<T>, batch: Int, codeGradient dh: UnsafeMutablePointer<T>?,
        weightGradients: UnsafeMutablePointer<T>?
    ) {
        let width = architecture.codeSize
        var values: [PenaltyValue] = []
        for (name, term) in terms {
            let value = term.apply(
                model: model, code: h, batch: batch, width: width, codeGradient: dh, weightGradients: weightGradients)
            values.append(PenaltyValue(name: name, value: value))
        }
        if let beta = variationalWeight {
            // −ELBO per pixel: the KL per image divided by D (see GaussianCodeKL)
            let weight = T(beta) / T(architecture.inputSize)
            let perImage = GaussianCodeKL.apply(statistics: h, batch: batch, width: width, weight: weight, gradient: dh)
            values.append(PenaltyValue(name: "vae_kl", value: Double(weight) * perImage))
        }
        lastPenalties = values
    }
}
