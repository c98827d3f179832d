// PCAReference: the top-k principal components of a training set and their reconstruction
// error, the reference every undercomplete autoencoder is measured against.
//
// Goodfellow et al. 14.1: an undercomplete autoencoder with a linear decoder and squared
// error learns to span the same subspace as PCA. The covariance C = (X−μ)ᵀ(X−μ)/N (D×D) is
// built with sgemm a chunk at a time; its eigenvectors come from LAPACK ssyevd (SymmetricEigen).
// Shapes: N = images, D = pixels, k = components.
#if canImport(Accelerate)
    import Accelerate
#else
    import CBLAS
#endif

/// Principal components of an image set.
public struct PCAReference: Sendable {
    /// Pixel means μ (D).
    public let mean: [Float]
    /// Components as rows, largest variance first: k×D.
    public let components: [Float]
    /// Eigenvalues (variances) of the kept components, largest first.
    public let variances: [Float]
    public let componentCount: Int
    public let inputSize: Int

    /// Computes the top `k` components of `set`.
    /// - Throws: `PCAError` when LAPACK fails or `k` is out of range.
    /// - Complexity: O(N·D²) for the covariance plus O(D³) for the eigen-decomposition.
    public init(_ set: ImageSet, components k: Int) throws {
        let d = set.pixelsPerImage
        guard k >= 1 && k <= d else { throw PCAError.badComponentCount(k, d) }
        let n = set.count
        var mean = [Double](repeating: 0, count: d)
        set.pixels.withUnsafeBufferPointer { p in
            for i in 0..<n { for j in 0..<d { mean[j] += Double(p[i * d + j]) } }
        }
        let mu = mean.map { Float($0 / Double(n) / 255) }
        var covariance = [Float](repeating: 0, count: d * d)
        let chunk = 512
        let rows = FloatBuffer(count: chunk * d)
        var start = 0
        while start < n {
            let size = min(chunk, n - start)
            set.fill(rows.pointer, indices: Int32(start)..<Int32(start + size))
            for r in 0..<size { for j in 0..<d { rows[r * d + j] -= mu[j] } }
            Float.gemm(
                transposeA: true, transposeB: false, m: d, n: d, k: size, alpha: 1 / Float(n),
                a: rows.pointer, b: rows.pointer, beta: 1, c: &covariance)
            start += size
        }
        let (values, vectors) = try SymmetricEigen.decompose(covariance, size: d)
        // LAPACK returns ascending eigenvalues and (column-major) eigenvectors as columns,
        // which read row-major are rows: row i is the eigenvector of values[i].
        var components = [Float](repeating: 0, count: k * d)
        var variances = [Float](repeating: 0, count: k)
        for c in 0..<k {
            let source = d - 1 - c
            variances[c] = values[source]
            for j in 0..<d { components[c * d + j] = vectors[source * d + j] }
        }
        self.mean = mu
        self.components = components
        self.variances = variances
        componentCount = k
        inputSize = d
    }

    /// Mean squared error per pixel of projecting `set` onto the components and back.
    public func reconstructionError(_ set: ImageSet) -> Double {
        let d = inputSize
        let k = componentCount
        let chunk = 512
        let rows = FloatBuffer(count: chunk * d)
        let codes = FloatBuffer(count: chunk * k)
        let back = FloatBuffer(count: chunk * d)
        var total = 0.0
        var start = 0
        while start < set.count {
            let size = min(chunk, set.count - start)
            set.fill(rows.pointer, indices: Int32(start)..<Int32(start + size))
            for r in 0..<size { for j in 0..<d { rows[r * d + j] -= mean[j] } }
            components.withUnsafeBufferPointer { v in
                Float.gemm(
                    transposeA: false, transposeB: true, m: size, n: k, k: d, alpha: 1, a: rows.pointer,
                    b: v.baseAddress!, beta: 0, c: codes.pointer)
                Float.gemm(
                    transposeA: false, transposeB: false, m: size, n: d, k: k, alpha: 1, a: codes.pointer,
                    b: v.baseAddress!, beta: 0, c: back.pointer)
            }
            var partial = 0.0
            for i in 0..<(size * d) {
                let e = Double(rows[i] - back[i])
                partial += e * e
            }
            total += partial
            start += size
        }
        return total / Double(max(set.count, 1) * d)
    }
}

/// Why principal components could not be computed.
public enum PCAError: Error, Equatable, CustomStringConvertible {
    case badComponentCount(Int, Int)
    case lapack(Int)

    public var description: String {
        switch self {
        case .badComponentCount(let k, let d): return "PCA needs between 1 and \(d) components, got \(k)"
        case .lapack(let info): return "LAPACK ssyevd failed (info \(info))"
        }
    }
}
