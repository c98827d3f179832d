// Activation: the elementwise nonlinearities of dense layers, forward and backward together.
//
// Every derivative here is written in terms of the layer's output a = f(z), so a layer keeps
// only its output for the backward pass:
//   identity  a = z                 f' = 1
//   sigmoid   a = 1/(1+e^-z)        f' = a(1-a)
//   tanh      a = tanh z            f' = 1 - a²
//   relu      a = max(z, 0)         f' = [a > 0]
//   leakyReLU a = z>0 ? z : 0.01z   f' = a > 0 ? 1 : 0.01
//   softplus  a = log(1+e^z)        f' = σ(z) = 1 - e^-a

/// An elementwise activation function.
public enum Activation: String, CaseIterable, Sendable, Codable {
    case identity, sigmoid, tanh, relu
    case leakyReLU = "leaky-relu"
    case softplus

    /// Slope of leaky ReLU for negative inputs.
    public static let leakySlope = 0.01

    /// Parses a user-facing name ("relu", "leaky-relu", "linear" for identity, ...).
    public init?(name: String) {
        switch name.lowercased() {
        case "identity", "linear", "none": self = .identity
        case "leakyrelu", "leaky_relu", "leaky-relu": self = .leakyReLU
        default:
            guard let value = Activation(rawValue: name.lowercased()) else { return nil }
            self = value
        }
    }

    /// a = f(z) in place over `count` elements.
    public func forward<T: EngineScalar>(_ z: UnsafeMutablePointer<T>, count: Int) {
        switch self {
        case .identity: break
        case .sigmoid: T.vSigmoid(z, z, count: count)
        case .tanh: T.vTanh(z, z, count: count)
        case .softplus: T.vSoftplus(z, z, count: count)
        case .relu:
            for i in 0..<count where z[i] < 0 { z[i] = 0 }
        case .leakyReLU:
            let slope = T(Activation.leakySlope)
            for i in 0..<count where z[i] < 0 { z[i] *= slope }
        }
    }

    /// dz = da ⊙ f'(z), computed from the output a, in place on `gradient`.
    public func backward<T: EngineScalar>(
        output a: UnsafePointer<T>, gradient g: UnsafeMutablePointer<T>, count: Int
    ) {
        switch self {
        case .identity: break
        case .sigmoid:
            for i in 0..<count { g[i] *= a[i] * (1 - a[i]) }
        case .tanh:
            for i in 0..<count { g[i] *= 1 - a[i] * a[i] }
        case .relu:
            for i in 0..<count where !(a[i] > 0) { g[i] = 0 }
        case .leakyReLU:
            let slope = T(Activation.leakySlope)
            for i in 0..<count where !(a[i] > 0) { g[i] *= slope }
        case .softplus:
            // σ(z) = 1 - e^{-a}; computed with the vector exp a chunk at a time
            var start = 0
            var chunk = [T](repeating: 0, count: Swift.min(count, 1024))
            chunk.withUnsafeMutableBufferPointer { tmp in
                guard let t = tmp.baseAddress else { return }
                while start < count {
                    let n = Swift.min(1024, count - start)
                    for i in 0..<n { t[i] = -a[start + i] }
                    T.vExp(t, t, count: n)
                    for i in 0..<n { g[start + i] *= 1 - t[i] }
                    start += n
                }
            }
        }
    }
}
