// Recirculation (Hinton and McClelland, 1988) learns the 4-2-4 and 8-3-8 encoder problems
// without back-propagation: squared reconstruction error below 0.1 for every pattern in at
// least two of three seeds within 2,000 sweeps.
import Testing

@testable import AutoencoderKit

@Suite("Recirculation")
struct RecirculationTests {
    /// Trains an n-h-n logistic autoencoder on the n one-hot patterns, one sweep = one batch of
    /// all patterns; returns the sweep at which every pattern's squared error fell below 0.1.
    static func sweepsToSolve(patterns n: Int, hidden h: Int, seed: UInt64, limit: Int = 2000) -> Int? {
        var random = RandomGenerator(seed: seed)
        let architecture = Architecture(
            inputSize: n, encoderSizes: [h], hiddenActivation: .sigmoid, codeActivation: .sigmoid,
            outputActivation: .sigmoid)
        let model = Autoencoder<Double>(architecture: architecture, batchCapacity: n, random: &random)
        let rule = Recirculation(model: model, settings: RecirculationSettings(regression: 0.75))
        var x = [Double](repeating: 0, count: n * n)
        for i in 0..<n { x[i * n + i] = 1 }
        let rate = learningRate
        return x.withUnsafeBufferPointer { xs -> Int? in
            let p = xs.baseAddress!
            for sweep in 1...limit {
                rule.step(p, batch: n)
                for i in 0..<model.parameters.count { model.parameters[i] -= rate * model.gradients[i] }
                model.forward(p, batch: n)
                var worst = 0.0
                for row in 0..<n {
                    var e = 0.0
                    for i in 0..<n {
                        let d = model.reconstruction[row * n + i] - xs[row * n + i]
                        e += d * d
                    }
                    worst = max(worst, e)
                }
                if worst < 0.1 { return sweep }
            }
            return nil
        }
    }

    /// ε of the rule (the paper's simulations also use large rates with logistic units).
    static let learningRate = 20.0

    @Test("learns the n-h-n encoder problem in at least 2 of 3 seeds within 2,000 sweeps", arguments: [(4, 2), (8, 3)])
    func encoderProblems(_ shape: (Int, Int)) {
        let results = (1...3).map { Self.sweepsToSolve(patterns: shape.0, hidden: shape.1, seed: UInt64($0)) }
        let solved = results.compactMap { $0 }
        #expect(solved.count >= 2, "\(shape.0)-\(shape.1)-\(shape.0): sweeps per seed \(results)")
    }
}
