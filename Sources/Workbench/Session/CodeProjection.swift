// CodeProjection: codes as 2-D points for the scatter: the code itself when it has two units,
// else its projection on the first two principal components of the codes shown.
//
// The components come from power iteration with deflation on the H×H covariance: a handful of
// multiply-adds per iteration, so it runs on the training queue without LAPACK.
import AutoencoderKit

/// The plane the scatter shows, in code space: a code h projects to the point
/// (x, y) = ((h - mean)·first, (h - mean)·second), and a point maps back to mean + x·first +
/// y·second (for a 2-unit code: the code itself, mean 0 and the unit axes).
struct CodePlane: Equatable {
    var mean: [Double]
    var first: [Double]
    var second: [Double]

    /// The 2-D point of `code`.
    func point(_ code: [Float]) -> SeriesPoint {
        var x = 0.0, y = 0.0
        for j in mean.indices where j < code.count {
            let c = Double(code[j]) - mean[j]
            x += c * first[j]
            y += c * second[j]
        }
        return SeriesPoint(x: x, y: y)
    }

    /// The code at `point`: mean + x·first + y·second.
    func code(at point: SeriesPoint) -> [Float] {
        mean.indices.map { Float(mean[$0] + point.x * first[$0] + point.y * second[$0]) }
    }
}

enum CodeProjection {
    /// The scatter of `codes` (N × H) with their labels.
    static func scatter(_ codes: [[Float]], labels: [UInt8]?) -> CodeScatter? {
        guard let plane = plane(codes) else { return nil }
        let two = plane.mean.count == 2
        return CodeScatter(
            xName: two ? "h1" : "PC1", yName: two ? "h2" : "PC2", points: codes.map(plane.point), labels: labels)
    }

    /// The plane of the first two principal components of `codes` (N × H, H ≥ 2); for H = 2
    /// the code's own axes.
    static func plane(_ codes: [[Float]]) -> CodePlane? {
        guard let h = codes.first?.count, h >= 2 else { return nil }
        if h == 2 { return CodePlane(mean: [0, 0], first: [1, 0], second: [0, 1]) }
        let n = Double(codes.count)
        var mean = [Double](repeating: 0, count: h)
        for code in codes { for j in 0..<h { mean[j] += Double(code[j]) / n } }
        var covariance = [Double](repeating: 0, count: h * h)
        for code in codes {
            let c = (0..<h).map { Double(code[$0]) - mean[$0] }
            for i in 0..<h where c[i] != 0 {
                for j in i..<h { covariance[i * h + j] += c[i] * c[j] / n }
            }
        }
        for i in 0..<h { for j in 0..<i { covariance[i * h + j] = covariance[j * h + i] } }
        let first = leadingEigenvector(covariance, size: h)
        let value = rayleigh(covariance, first, size: h)
        for i in 0..<h { for j in 0..<h { covariance[i * h + j] -= value * first[i] * first[j] } }
        let second = leadingEigenvector(covariance, size: h)
        return CodePlane(mean: mean, first: first, second: second)
    }

    /// The point at `cursor` in the bounding box of `points`.
    static func point(_ cursor: CodeCursor, in points: [SeriesPoint]) -> SeriesPoint? {
        let usable = points.filter { $0.x.isFinite && $0.y.isFinite }
        guard let minX = usable.map(\.x).min(), let maxX = usable.map(\.x).max(),
            let minY = usable.map(\.y).min(), let maxY = usable.map(\.y).max()
        else { return nil }
        let f = cursor.fraction
        return SeriesPoint(x: minX + f.x * (maxX - minX), y: minY + f.y * (maxY - minY))
    }

    /// The unit eigenvector of the largest eigenvalue, by 60 power iterations from a fixed start.
    static func leadingEigenvector(_ matrix: [Double], size h: Int) -> [Double] {
        var v = (0..<h).map { 1 + 0.01 * Double($0 % 7) }
        for _ in 0..<60 {
            var next = [Double](repeating: 0, count: h)
            for i in 0..<h {
                var sum = 0.0
                for j in 0..<h { sum += matrix[i * h + j] * v[j] }
                next[i] = sum
            }
            let norm = next.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 1e-12 else { break }
            v = next.map { $0 / norm }
        }
        return v
    }

    static func rayleigh(_ matrix: [Double], _ v: [Double], size h: Int) -> Double {
        var sum = 0.0
        for i in 0..<h { for j in 0..<h { sum += v[i] * matrix[i * h + j] * v[j] } }
        return sum
    }

    /// Activations counted in `bins` equal bins from min(0, smallest) to the largest.
    static func histogram(_ codes: [[Float]], bins: Int = 24) -> CodeHistogram? {
        let values = codes.flatMap { $0 }.filter(\.isFinite)
        guard let high0 = values.max(), let low0 = values.min(), bins > 0 else { return nil }
        let low = min(0, low0)
        let high = high0 > low ? high0 : low + 1
        var counts = [Int](repeating: 0, count: bins)
        let width = (high - low) / Float(bins)
        for v in values { counts[min(bins - 1, max(0, Int((v - low) / width)))] += 1 }
        return CodeHistogram(low: low, high: high, counts: counts)
    }
}
