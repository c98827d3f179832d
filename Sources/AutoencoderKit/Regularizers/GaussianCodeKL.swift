// GaussianCodeKL: the VAE's KL term KL(q(z|x) ‖ N(0, I)) for a diagonal Gaussian code
// (Kingma and Welling, "Auto-Encoding Variational Bayes", 2014, appendix B; Goodfellow et al.
// 20.10.3).
//
// Shapes: B = batch, H = code units; the code layer outputs s = [μ | log σ²] (B×2H).
//   KL_b = ½ Σ_j (μ_j² + σ_j² − log σ_j² − 1)          nats per image
//   dKL_b/dμ_j = μ_j,   dKL_b/d log σ_j² = ½(σ_j² − 1)
// The engine's objective is per pixel, so the VAE minimizes −ELBO/D:
//   J = L/px + β·(1/B)Σ_b KL_b / D                   (β = 1 is the true ELBO; β-VAE otherwise)

/// The KL divergence of a diagonal Gaussian code from the standard normal prior.
public enum GaussianCodeKL {
    /// Mean KL per example, with `weight`·dKL/ds/B added into `ds` when given.
    /// - Parameters:
    ///   - s: [μ | log σ²], B×2H.
    ///   - weight: factor on the gradient (β/D in the trainer's per-pixel objective).
    /// - Returns: (1/B)Σ_b KL_b in nats per image (unweighted).
    @discardableResult
    public static func apply<T: EngineScalar>(
        statistics s: UnsafePointer<T>, batch: Int, width h: Int, weight: T,
        gradient ds: UnsafeMutablePointer<T>?
    ) -> Double {
        var total = 0.0
        let scale = weight / T(batch)
        for b in 0..<batch {
            let mu = s + b * 2 * h
            let logVariance = mu + h
            for j in 0..<h {
                let variance = T.exp(logVariance[j])
                total += Double(mu[j] * mu[j] + variance - logVariance[j] - 1) / 2
                if let ds {
                    ds[b * 2 * h + j] += scale * mu[j]
                    ds[b * 2 * h + h + j] += scale * (variance - 1) / 2
                }
            }
        }
        return total / Double(max(batch, 1))
    }
}
