// ReconstructionLoss: L(x, r), the negative log-likelihood of the decoder's output model.
//
// Goodfellow et al. 14.1 and 6.2.2: a Bernoulli decoder (sigmoid output) gives binary
// cross-entropy; a Gaussian decoder with fixed variance gives squared error.
//
// Shapes: B = batch, D = pixels. z = output logits, a = f(z) the reconstruction, x the target.
//   BCE from logits, stable for any z:  l = max(z,0) - x·z + log(1 + e^-|z|)
//                                       dl/dz = σ(z) - x
//   squared error:                      l = (a - x)²,  dl/da = 2(a - x), then through f'.
// The training objective is the mean over batch and pixels ("/px"); the sum over an image
// ("/img") is reported beside it. Both carry their unit in every name shown to a user.

/// The reconstruction loss of a run.
public enum ReconstructionLoss: String, CaseIterable, Sendable, Codable {
    /// Binary cross-entropy (Bernoulli decoder); needs a sigmoid output.
    case bce
    /// Squared error (Gaussian decoder).
    case mse

    /// Parses "bce", "cross-entropy", "mse", "squared".
    public init?(name: String) {
        switch name.lowercased() {
        case "bce", "cross-entropy", "crossentropy", "xent": self = .bce
        case "mse", "squared", "squared-error", "l2": self = .mse
        default: return nil
        }
    }

    /// "BCE" or "MSE".
    public var shortName: String { rawValue.uppercased() }
    /// "BCE/px": mean over pixels.
    public var perPixelUnit: String { shortName + "/px" }
    /// "BCE/img": sum over an image's pixels.
    public var perImageUnit: String { shortName + "/img" }
    /// Name stem for metrics files: "bce_per_pixel".
    public var metricStem: String { rawValue }

    /// Why `output` cannot be paired with this loss, or nil when it can.
    public func incompatibility(with output: Activation) -> String? {
        switch self {
        case .bce where output != .sigmoid:
            return
                "binary cross-entropy needs a sigmoid output (a Bernoulli decoder), but the output activation is \(output.rawValue); use --loss mse or --output sigmoid"
        default:
            return nil
        }
    }

    /// Sums the loss over a batch and writes the gradient at the output logits.
    /// - Parameters:
    ///   - logits: z, B×D.
    ///   - output: a = f(z), B×D.
    ///   - target: x, B×D (the clean input, for denoising too).
    ///   - gradient: dLoss/dz scaled by `scale`, B×D; nil to evaluate only.
    ///   - scale: factor on the gradient (1/(B·D) for the per-pixel mean objective).
    ///   - scratch: B×D workspace.
    /// - Returns: Σ over batch and pixels of l (divide by B·D for /px, by B for /img).
    public func evaluate<T: EngineScalar>(
        logits z: UnsafePointer<T>, output a: UnsafePointer<T>, target x: UnsafePointer<T>,
        count: Int, outputActivation: Activation, gradient: UnsafeMutablePointer<T>?, scale: T,
        scratch: UnsafeMutablePointer<T>
    ) -> Double {
        var total = 0.0
        switch self {
        case .bce:
            T.vSoftplus(z, scratch, count: count)
            var start = 0
            while start < count {
                let end = min(count, start + 4096)
                var partial: T = 0
                for i in start..<end { partial += scratch[i] - x[i] * z[i] }
                total += Double(partial)
                start = end
            }
            if let gradient {
                for i in 0..<count { gradient[i] = (a[i] - x[i]) * scale }
            }
        case .mse:
            var start = 0
            while start < count {
                let end = min(count, start + 4096)
                var partial: T = 0
                for i in start..<end {
                    let d = a[i] - x[i]
                    partial += d * d
                }
                total += Double(partial)
                start = end
            }
            if let gradient {
                let twice = 2 * scale
                for i in 0..<count { gradient[i] = (a[i] - x[i]) * twice }
                outputActivation.backward(output: a, gradient: gradient, count: count)
            }
        }
        return total
    }
}
