// ContractivePenalty: Ω = λ·(1/B)Σ_b ‖∂h_b/∂x_b‖²_F for one dense encoder layer h = f(Wx + b)
// (Rifai et al., "Contractive auto-encoders", ICML 2011; Goodfellow et al. 14.2.3).
//
// Shapes: B = batch, D = inputs, H = code units, W is H×D. The Jacobian is J = diag(f'(z))·W,
// so ‖J‖²_F = Σ_j f'_j² s_j with s_j = Σ_i W_ji², and f' comes from h = f(z):
//   sigmoid  f' = h(1−h)   d(f'²)/dh = 2f'(1−2h)
//   tanh     f' = 1−h²     d(f'²)/dh = −4h·f'
//   relu     f' = [h>0]    d(f'²)/dh = 0
// Gradients (the code part is added at the code layer's output, before f'):
//   dΩ/dh_bj  = λ/B · s_j · d(f'²)/dh_bj
//   dΩ/dW_ji += λ/B · 2W_ji · Σ_b f'_bj²      (W's direct part)
// Tied weights are the default for this penalty: untied, it is dodged by shrinking W and
// growing the decoder.

/// The contractive penalty's closed form and gradients.
public enum ContractivePenalty {
    /// Code activations with a closed-form penalty.
    public enum DerivativeKind: Sendable { case sigmoid, tanh, relu }

    /// The closed form for `activation`, or nil when there is none here.
    public static func derivativeKind(_ activation: Activation) -> DerivativeKind? {
        switch activation {
        case .sigmoid: return .sigmoid
        case .tanh: return .tanh
        case .relu: return .relu
        default: return nil
        }
    }

    @inline(__always)
    static func slope<T: EngineScalar>(_ kind: DerivativeKind, _ h: T) -> (fp: T, dSquare: T) {
        switch kind {
        case .sigmoid:
            let fp = h * (1 - h)
            return (fp, 2 * fp * (1 - 2 * h))
        case .tanh:
            let fp = 1 - h * h
            return (fp, -4 * h * fp)
        case .relu:
            return (h > 0 ? 1 : 0, 0)
        }
    }

    /// s_j = Σ_i W_ji² for an H×D weight.
    public static func rowSquares<T: EngineScalar>(_ w: UnsafePointer<T>, rows: Int, columns: Int) -> [T] {
        (0..<rows).map { j in
            var s: T = 0
            for i in 0..<columns { s += w[j * columns + i] * w[j * columns + i] }
            return s
        }
    }

    /// The penalty and mean Jacobian norm of a batch, adding gradients where asked.
    /// - Parameters:
    ///   - h: codes B×H (after f).
    ///   - w: the encoder weight, H×D row-major.
    ///   - dh: dJ/dh (B×H) to add the code part into, or nil.
    ///   - dw: dJ/dW (H×D) to add the direct part into, or nil.
    /// - Returns: λ·(1/B)Σ_b ‖J_b‖²_F, and (1/B)Σ_b ‖J_b‖_F.
    @discardableResult
    @_specialize(where T == Float)
    public static func apply<T: EngineScalar>(
        lambda: T, kind: DerivativeKind, code h: UnsafePointer<T>, batch: Int, width: Int,
        weights w: UnsafePointer<T>, inputSize: Int, codeGradient dh: UnsafeMutablePointer<T>?,
        weightGradient dw: UnsafeMutablePointer<T>?
    ) -> (penalty: Double, meanFrobenius: Double) {
        let s = rowSquares(w, rows: width, columns: inputSize)
        var total = 0.0
        var norms = 0.0
        var columnSums = [T](repeating: 0, count: width)
        let scale = lambda / T(batch)
        for b in 0..<batch {
            var square: T = 0
            for j in 0..<width {
                let (fp, dSquare) = slope(kind, h[b * width + j])
                square += fp * fp * s[j]
                columnSums[j] += fp * fp
                if let dh { dh[b * width + j] += scale * s[j] * dSquare }
            }
            total += Double(square)
            norms += Double(square).squareRoot()
        }
        if let dw {
            for j in 0..<width {
                let factor = 2 * scale * columnSums[j]
                for i in 0..<inputSize { dw[j * inputSize + i] += factor * w[j * inputSize + i] }
            }
        }
        return (Double(lambda) * total / Double(batch), norms / Double(max(batch, 1)))
    }
}

/// The contractive penalty's registry entry: [regularizer.contractive] lambda, `--contractive`
/// or `--penalty contractive=λ`.
public struct ContractiveCodePenalty: CodePenalty {
    public let name = "contractive"
    public let title = "contractive"
    public let formula = "λ·(1/B)Σ_b ‖∂h_b/∂x_b‖²_F (one encoder layer)"
    public let parameters = [PenaltyParameter("lambda", symbol: "λ", range: .atLeast(0), isStrength: true)]

    public func problems(_ values: PenaltyValues, architecture: Architecture) -> [String] {
        var errors: [String] = []
        if architecture.depth != 1 {
            errors.append(
                "the contractive penalty has a closed form for one encoder layer only; this encoder has \(architecture.depth)"
            )
        }
        if ContractivePenalty.derivativeKind(architecture.codeActivation) == nil || architecture.stochasticCode {
            errors.append(
                "the contractive penalty needs a sigmoid, tanh or relu code layer, got \(architecture.codeActivation.rawValue)"
            )
        }
        return errors
    }

    public func makeTerm<T: EngineScalar>(values: PenaltyValues, architecture: Architecture) -> any CodePenaltyTerm<T> {
        Term<T>(values: values, kind: ContractivePenalty.derivativeKind(architecture.codeActivation))
    }

    final class Term<T: EngineScalar>: CodePenaltyTerm {
        var values: PenaltyValues
        let kind: ContractivePenalty.DerivativeKind?
        init(values: PenaltyValues, kind: ContractivePenalty.DerivativeKind?) {
            self.values = values
            self.kind = kind
        }

        func apply(
            model: Autoencoder<T>, code h: UnsafePointer<T>, batch: Int, width: Int,
            codeGradient dh: UnsafeMutablePointer<T>?, weightGradients: UnsafeMutablePointer<T>?
        ) -> Double {
            guard let kind else { return 0 }
            let layer = model.layout.layers[0]
            return ContractivePenalty.apply(
                lambda: T(values["lambda"] ?? 0), kind: kind, code: h, batch: batch, width: width,
                weights: model.parameters.pointer + layer.weightOffset, inputSize: layer.inputSize,
                codeGradient: dh, weightGradient: weightGradients.map { $0 + layer.weightOffset }
            ).penalty
        }
    }
}
