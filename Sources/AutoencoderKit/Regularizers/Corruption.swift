// Corruption: C(x̃ | x), the noise a denoising autoencoder learns to undo
// (Vincent et al., "Extracting and composing robust features with denoising autoencoders",
// ICML 2008; Goodfellow et al. 14.2.2 and 14.5). The loss is always against the clean x.
//
//   mask:        x̃_i = 0 with probability ν, else x_i
//   gaussian:    x̃_i = clip(x_i + σ·n_i, 0, 1), n_i ~ N(0, 1)
//   salt-pepper: x̃_i = 0 or 1 (each with probability ½) with probability ν, else x_i
// Every draw comes from the run's one RandomGenerator, so a seed fixes the noise too.

extension CorruptionSettings {
    /// Writes a corrupted copy of x (count values in [0, 1]) into `corrupted`.
    public func corrupt<T: EngineScalar>(
        _ x: UnsafePointer<T>, into corrupted: UnsafeMutablePointer<T>, count: Int,
        random: inout RandomGenerator
    ) {
        switch kind {
        case .mask:
            for i in 0..<count { corrupted[i] = random.nextUniform() < level ? 0 : x[i] }
        case .gaussian:
            let sigma = T(level)
            for i in 0..<count {
                let v = x[i] + sigma * T(random.nextNormal())
                corrupted[i] = min(max(v, 0), 1)
            }
        case .saltPepper:
            for i in 0..<count {
                if random.nextUniform() < level {
                    corrupted[i] = random.nextUniform() < 0.5 ? 0 : 1
                } else {
                    corrupted[i] = x[i]
                }
            }
        }
    }

    /// "mask ν=0.3", "gaussian σ=0.3", "salt-pepper ν=0.2".
    public var description: String {
        "\(kind.rawValue) \(kind == .gaussian ? "σ" : "ν")=\(level)"
    }
}
