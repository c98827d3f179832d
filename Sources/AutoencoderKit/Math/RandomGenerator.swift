// RandomGenerator: the one seeded source of randomness for a run (xoshiro256**).
//
// Every random choice in a run (initial weights, batch order, corruption noise, VAE samples)
// draws from one generator, so a seed fixes the whole run. The state is four UInt64 words and
// is saved in checkpoints for exact resume.
// Reference: Blackman and Vigna, "Scrambled linear pseudorandom number generators" (2018);
// seeding through SplitMix64 as they recommend.

/// A small, fast, seedable generator whose whole state can be saved and restored.
public struct RandomGenerator: RandomNumberGenerator, Sendable, Equatable {
    /// The four state words (never all zero).
    public private(set) var state: (UInt64, UInt64, UInt64, UInt64)

    /// Seeds the state from `seed` through SplitMix64.
    public init(seed: UInt64) {
        var s = seed
        func splitMix() -> UInt64 {
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// Restores a saved state.
    /// - Precondition: not all words are zero.
    public init(state words: [UInt64]) {
        precondition(words.count == 4 && words.contains { $0 != 0 }, "invalid generator state")
        state = (words[0], words[1], words[2], words[3])
    }

    /// The state as four words, for checkpoints.
    public var stateWords: [UInt64] { [state.0, state.1, state.2, state.3] }

    public static func == (a: RandomGenerator, b: RandomGenerator) -> Bool {
        a.stateWords == b.stateWords
    }

    @inline(__always)
    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Next 64 random bits.
    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = RandomGenerator.rotl(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = RandomGenerator.rotl(state.3, 45)
        return result
    }

    /// Uniform Float in [0, 1) with 24 random bits.
    @inline(__always)
    public mutating func nextUniform() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// Standard normal Float (Box-Muller; one value per call, the pair's twin discarded so the
    /// state stays a pure function of the number of draws).
    @inline(__always)
    public mutating func nextNormal() -> Float {
        let u1 = max(Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0), 1e-300)
        let u2 = Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
        return Float((-2.0 * _log(u1)).squareRoot() * _cos(2.0 * Double.pi * u2))
    }

    /// Uniform integer in 0..<bound.
    public mutating func nextIndex(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// Fisher-Yates shuffle of `0..<count`.
    public mutating func permutation(count: Int) -> [Int32] {
        var order = (0..<count).map { Int32($0) }
        if count > 1 {
            for i in stride(from: count - 1, to: 0, by: -1) {
                let j = nextIndex(below: i + 1)
                order.swapAt(i, j)
            }
        }
        return order
    }
}

#if canImport(Glibc)
    import Glibc
    @inline(__always) func _log(_ x: Double) -> Double { Glibc.log(x) }
    @inline(__always) func _cos(_ x: Double) -> Double { Glibc.cos(x) }
#elseif canImport(Darwin)
    import Darwin
    @inline(__always) func _log(_ x: Double) -> Double { Darwin.log(x) }
    @inline(__always) func _cos(_ x: Double) -> Double { Darwin.cos(x) }
#endif
