// BLAS: the engine's only path to matrix products, through cblas_sgemm.
//
// All matrices are row-major Float32. `gemm` computes C = alpha * op(A) * op(B) + beta * C
// where op(X) is X or its transpose. OpenBLAS on Linux; Accelerate on macOS.
#if canImport(Accelerate)
import Accelerate
#else
import CBLAS
#endif

/// Row-major single-precision matrix products and library facts.
public enum BLAS {
    /// C[M×N] = alpha · op(A)[M×K] · op(B)[K×N] + beta · C.
    /// - Parameters:
    ///   - transposeA: use Aᵀ; A is then stored K×M.
    ///   - transposeB: use Bᵀ; B is then stored N×K.
    /// - Complexity: O(M·N·K).
    @inline(__always)
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
        beta: Float = 0, c: UnsafeMutablePointer<Float>
    ) {
        let lda = transposeA ? m : k
        let ldb = transposeB ? k : n
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(n))
    }

    /// The name of the kernel OpenBLAS picked for this CPU (e.g. "Haswell").
    public static var coreName: String {
        #if canImport(Accelerate)
        return "Accelerate"
        #else
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
        #endif
    }

    /// Threads BLAS uses for one product.
    public static var threadCount: Int {
        #if canImport(Accelerate)
        return 1
        #else
        return Int(openblas_get_num_threads())
        #endif
    }

    /// Sets the BLAS thread count (results are bit-identical only for a fixed count).
    public static func setThreadCount(_ count: Int) {
        #if !canImport(Accelerate)
        openblas_set_num_threads(Int32(max(1, count)))
        #endif
    }
}
