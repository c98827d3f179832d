// Optimizer: one update of the flat parameter buffer from the flat gradient buffer.
//
// SGD with momentum:  v ← μv + g;  w ← w − η·v        (Nesterov: w ← w − η·(g + μv))
// Adam:               m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²
//                     w ← w − η·m̂/(√v̂ + ε),  m̂ = m/(1−β1ᵗ), v̂ = v/(1−β2ᵗ)
// AdamW:              the same, then w ← w − η·λ·w for weights (decoupled decay).
// Coupled L2 decay (SGD, Adam): g ← g + λ·w for weights before the update.

import Dispatch

/// Update rule state (momentum, Adam moments, step count) for one model.
public final class Optimizer {
    public var settings: OptimizerSettings
    /// Number of updates applied so far (Adam's t).
    public private(set) var step: Int = 0
    /// First moment / velocity.
    public let firstMoment: FloatBuffer
    /// Second moment (Adam only; empty otherwise).
    public let secondMoment: FloatBuffer
    /// Parameter ranges that get weight decay (weights, not biases).
    public let decayRanges: [Range<Int>]

    /// - Parameters:
    ///   - parameterCount: size of the flat buffers.
    ///   - decayRanges: which parameters are weights (weight decay applies to them only).
    public init(settings: OptimizerSettings, parameterCount: Int, decayRanges: [Range<Int>]) {
        self.settings = settings
        firstMoment = FloatBuffer(count: parameterCount)
        secondMoment = FloatBuffer(count: settings.kind == .sgd ? 0 : parameterCount)
        self.decayRanges = decayRanges
    }

    /// Restores the step count from a checkpoint.
    public func restore(step: Int) { self.step = step }

    /// What one update found.
    public struct Outcome: Sendable {
        /// The gradient's global L2 norm before clipping (NaN when clipping is off).
        public var gradientNorm: Float
        /// True when every parameter after the update is finite.
        public var finite: Bool
    }

    /// Clips, decays and applies one update.
    /// - Returns: the gradient's global L2 norm before clipping (NaN when clipping is off).
    @discardableResult
    public func update(parameters: FloatBuffer, gradients: FloatBuffer) -> Float {
        update(parameters: parameters, gradients: gradients, previous: nil).gradientNorm
    }

    /// Clips, decays and applies one update; with `previous`, the parameters before the update
    /// go there (Adam keeps them in the same pass as the update, the others copy first).
    public func update(parameters: FloatBuffer, gradients: FloatBuffer, previous: FloatBuffer?) -> Outcome {
        precondition(parameters.count == gradients.count && gradients.count == firstMoment.count)
        precondition(previous.map { $0.count == parameters.count } ?? true)
        let n = parameters.count
        let w = parameters.pointer
        let g = gradients.pointer
        step += 1
        // the norm costs a pass over every gradient: only when clipping needs it
        let norm = settings.clipNorm == nil ? Float.nan : Optimizer.norm(g, count: n)
        if let limit = settings.clipNorm, norm > limit {
            let s = limit / norm
            for i in 0..<n { g[i] *= s }
        }
        let decay = settings.weightDecay
        if decay > 0 && settings.kind != .adamw {
            for range in decayRanges { for i in range { g[i] += decay * w[i] } }
        }
        let lr = settings.learningRate
        switch settings.kind {
        case .sgd:
            previous?.copy(from: parameters)
            let mu = settings.momentum
            let v = firstMoment.pointer
            if mu == 0 {
                for i in 0..<n { w[i] -= lr * g[i] }
            } else if settings.nesterov {
                for i in 0..<n {
                    v[i] = mu * v[i] + g[i]
                    w[i] -= lr * (g[i] + mu * v[i])
                }
            } else {
                for i in 0..<n {
                    v[i] = mu * v[i] + g[i]
                    w[i] -= lr * v[i]
                }
            }
            return Outcome(gradientNorm: norm, finite: parameters.allFinite())
        case .adam, .adamw:
            let b1 = settings.beta1
            let b2 = settings.beta2
            let eps = settings.epsilon
            let t = Float(step)
            let c1 = 1 / (1 - Optimizer.power(b1, t))
            let c2 = 1 / (1 - Optimizer.power(b2, t))
            let m = firstMoment.pointer
            let v = secondMoment.pointer
            let shrink: Float = settings.kind == .adamw && decay > 0 ? 1 - lr * decay : 1
            let kernel = AdamStep(
                beta1: b1, oneMinusBeta1: 1 - b1, beta2: b2, oneMinusBeta2: 1 - b2, secondCorrection: c2,
                stepSize: lr * c1, epsilon: eps)
            let segments =
                shrink == 1 ? [(0..<n, Float(1))] : Optimizer.segments(count: n, decayed: decayRanges, shrink: shrink)
            let old = previous?.pointer
            // elementwise, so splitting the range across cores changes no result
            let finite = Optimizer.inParallel(count: n) { part in
                var finite = true
                for (range, factor) in segments {
                    let piece = range.clamped(to: part)
                    if piece.isEmpty { continue }
                    finite = kernel.apply(piece, w: w, g: g, m: m, v: v, previous: old, shrink: factor) && finite
                }
                return finite
            }
            return Outcome(gradientNorm: norm, finite: finite)
        }
    }

    /// 0..<count cut into ranges, each with its decay factor: `shrink` inside `decayed`, 1 elsewhere.
    static func segments(count: Int, decayed: [Range<Int>], shrink: Float) -> [(Range<Int>, Float)] {
        var result: [(Range<Int>, Float)] = []
        var position = 0
        for range in decayed.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if range.lowerBound > position { result.append((position..<range.lowerBound, 1)) }
            result.append((range, shrink))
            position = range.upperBound
        }
        if position < count { result.append((position..<count, 1)) }
        return result
    }

    /// Runs `body` over `0..<count` in parts on the engine's team when the work is large.
    /// - Returns: true when `body` returned true for every part.
    static func inParallel(count: Int, _ body: (Range<Int>) -> Bool) -> Bool {
        let team = WorkTeam.shared
        guard count >= 65_536, team.size > 1 else { return body(0..<count) }
        var results = [Bool](repeating: true, count: team.size)
        results.withUnsafeMutableBufferPointer { results in
            team.run { part in results[part.index] = body(part.share(of: count, alignment: 16)) }
        }
        return !results.contains(false)
    }

    static func norm(_ g: UnsafePointer<Float>, count: Int) -> Float {
        var sum: Double = 0
        var start = 0
        while start < count {
            let end = min(count, start + 4096)
            var partial: Float = 0
            for i in start..<end { partial += g[i] * g[i] }
            sum += Double(partial)
            start = end
        }
        return Float(sum.squareRoot())
    }

    static func power(_ base: Float, _ exponent: Float) -> Float {
        Float(pow(Double(base), Double(exponent)))
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
