// GradientCheck: central finite differences in Float64 against the engine's analytic gradient.
@testable import AutoencoderKit

/// Compares analytic gradients with central differences (h = 1e-6) of the same objective.
enum GradientCheck {
    /// - Parameters:
    ///   - parameters: the flat buffer to perturb.
    ///   - objective: recomputes the scalar objective from the current parameters.
    ///   - analytic: the analytic gradient, same layout.
    /// - Returns: ‖a − n‖ / (‖a‖ + ‖n‖), the relative error over all parameters.
    static func relativeError(
        parameters: Buffer<Double>, analytic: [Double], objective: () -> Double, step h: Double = 1e-6
    ) -> Double {
        var diff = 0.0
        var normA = 0.0
        var normN = 0.0
        for i in 0..<parameters.count {
            let saved = parameters[i]
            parameters[i] = saved + h
            let plus = objective()
            parameters[i] = saved - h
            let minus = objective()
            parameters[i] = saved
            let numeric = (plus - minus) / (2 * h)
            diff += (analytic[i] - numeric) * (analytic[i] - numeric)
            normA += analytic[i] * analytic[i]
            normN += numeric * numeric
        }
        let denominator = normA.squareRoot() + normN.squareRoot()
        return denominator == 0 ? 0 : diff.squareRoot() / denominator
    }

    /// A Float64 model (workspace for 4 rows) from `seed`, with small random biases so
    /// ReLU-like units are not all exactly at a kink.
    static func model(_ architecture: Architecture, seed: UInt64 = 3) -> Autoencoder<Double> {
        var random = RandomGenerator(seed: seed)
        let model = Autoencoder<Double>(architecture: architecture, batchCapacity: 4, random: &random)
        for i in 0..<model.parameters.count where model.parameters[i] == 0 {
            model.parameters[i] = Double(random.nextUniform() - 0.5) * 0.2
        }
        return model
    }

    /// A B×D batch of values in (0.05, 0.95) from a seed.
    static func batch(_ rows: Int, _ columns: Int, seed: UInt64) -> [Double] {
        var random = RandomGenerator(seed: seed)
        return (0..<(rows * columns)).map { _ in 0.05 + 0.9 * Double(random.nextUniform()) }
    }
}
