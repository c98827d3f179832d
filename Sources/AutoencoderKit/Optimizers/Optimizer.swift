// Optimizer: one update of the flat parameter buffer from the flat gradient buffer.
//
// SGD with momentum:  v ← μv + g;  w ← w − η·v        (Nesterov: w ← w − η·(g + μv))
// Adam:               m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²
//                     w ← w − η·m̂/(√v̂ + ε),  m̂ = m/(1−β1ᵗ), v̂ = v/(1−β2ᵗ)
// AdamW:              the same, then w ← w − η·λ·w for weights (decoupled decay).
// Coupled L2 decay (SGD, Adam): g ← g + λ·w for weights before the update.

/// Update rule state (momentum, Adam moments, step count) for one model.
public final class Optimizer: @unchecked Sendable {
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

    /// Clips, decays and applies one update.
    /// - Returns: the gradient's global L2 norm before clipping (NaN when clipping is off).
    @discardableResult
    public func update(parameters: FloatBuffer, gradients: FloatBuffer) -> Float {
        precondition(parameters.count == gradients.count && gradients.count == firstMoment.count)
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
        case .adam, .adamw:
            let b1 = settings.beta1, b2 = settings.beta2, eps = settings.epsilon
            let t = Float(step)
            let c1 = 1 / (1 - Optimizer.power(b1, t))
            let c2 = 1 / (1 - Optimizer.power(b2, t))
            let m = firstMoment.pointer, v = secondMoment.pointer
            if settings.kind == .adamw && decay > 0 {
                let shrink = 1 - lr * decay
                for range in decayRanges { for i in range { w[i] *= shrink } }
            }
            let kernel = AdamStep(
                beta1: b1, oneMinusBeta1: 1 - b1, beta2: b2, oneMinusBeta2: 1 - b2, secondCorrection: c2,
                stepSize: lr * c1, epsilon: eps)
            // elementwise, so splitting the range across cores changes no result
            Optimizer.inParallel(count: n) { range in kernel.apply(range, w: w, g: g, m: m, v: v) }
        }
        return norm
    }

    /// Runs `body` over `0..<count` in two halves on two threads when the work is large.
    static func inParallel(count: Int, _ body: (Range<Int>) -> Void) {
        guard count >= 65_536 else { return body(0..<count) }
        let half = (count / 2) & ~15
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            body(part == 0 ? 0..<half : half..<count)
        }
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

import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
