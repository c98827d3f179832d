// CodeProjection: codes as 2-D points for the scatter: the code itself when it has two units,
// else its projection on the first two principal components of the codes shown.
//
// The components are the top two eigenvectors of the H×H covariance, from the engine's
// eigensolver (SymmetricEigen, LAPACK dsyevd). An eigenvector's sign is arbitrary, so each is
// turned to point along a fixed positive direction: the picture does not flip between refreshes.
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
        var x = 0.0
        var y = 0.0
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
        guard let (_, vectors) = try? SymmetricEigen.decompose(covariance, size: h) else { return nil }
        let first = oriented(Array(vectors[(h - 1) * h..<h * h]))
        let second = oriented(Array(vectors[(h - 2) * h..<(h - 1) * h]))
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

    /// `vector` or its negative, whichever points along (1, 1.01, ..., 1.06, 1, ...).
    static func oriented(_ vector: [Double]) -> [Double] {
        let along = vector.indices.reduce(0.0) { $0 + vector[$1] * (1 + 0.01 * Double($1 % 7)) }
        return along < 0 ? vector.map { -$0 } : vector
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
