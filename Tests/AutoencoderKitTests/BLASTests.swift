// Matrix products through BLAS agree with a naive triple loop for every transpose pairing.
import Testing

@testable import AutoencoderKit

@Suite("BLAS matrix products")
struct BLASTests {
    static func naive(_ ta: Bool, _ tb: Bool, _ m: Int, _ n: Int, _ k: Int, _ a: [Float], _ b: [Float]) -> [Double] {
        var c = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k {
                    let av = ta ? a[p * m + i] : a[i * k + p]
                    let bv = tb ? b[j * k + p] : b[p * n + j]
                    sum += Double(av) * Double(bv)
                }
                c[i * n + j] = sum
            }
        }
        return c
    }

    @Test(
        "sgemm matches a naive product on the model's kinds of shapes",
        arguments: [(128, 256, 784), (128, 784, 256), (37, 5, 300), (1, 1, 1), (64, 300, 200)])
    func sgemmMatches(_ shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        var random = RandomGenerator(seed: UInt64(m * 7 + n))
        for (ta, tb) in [(false, false), (false, true), (true, false), (true, true)] {
            let a = (0..<(m * k)).map { _ in random.nextUniform() - 0.5 }
            let b = (0..<(k * n)).map { _ in random.nextUniform() - 0.5 }
            var c = [Float](repeating: 0, count: m * n)
            BLAS.gemm(transposeA: ta, transposeB: tb, m: m, n: n, k: k, a: a, b: b, c: &c)
            let expected = Self.naive(ta, tb, m, n, k, a, b)
            let worst = zip(c, expected).map { abs(Double($0) - $1) }.max() ?? 0
            #expect(worst < 1e-4 * Double(k).squareRoot(), "\(m)x\(n)x\(k) ta=\(ta) tb=\(tb): max error \(worst)")
        }
    }
}
