// BLAS: the engine's only path to matrix products, through cblas_sgemm.
//
// All matrices are row-major Float32. `gemm` computes C = alpha * op(A) * op(B) + beta * C
// where op(X) is X or its transpose. OpenBLAS on Linux; Accelerate on macOS.
// Threads: the engine splits each layer's products over its own WorkTeam and runs the library
// single-threaded (see WorkTeam for why); `setThreadCount` sets both.
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
    ///   - lda, ldb, ldc: leading dimensions (nil: the dense ones).
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int? = nil, b: UnsafePointer<Float>,
        ldb: Int? = nil, beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int? = nil
    ) {
        guard m > 0, n > 0 else { return }  // an empty share of a split product
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda ?? (transposeA ? m : k)), b,
            Int32(ldb ?? (transposeB ? k : n)), beta, c, Int32(ldc ?? n))
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

    /// Threads a training step uses (the engine's team; the library itself runs on one).
    public static var threadCount: Int { WorkTeam.shared.size }

    /// Threads the library's own products use (1 while the engine's team splits the work).
    public static var libraryThreadCount: Int {
        #if canImport(Accelerate)
            return 1
        #else
            return Int(openblas_get_num_threads())
        #endif
    }

    /// Sets the threads of a training step: a team of `count`, the library on one thread.
    /// Results are bit-identical only for a fixed count.
    public static func setThreadCount(_ count: Int) {
        setLibraryThreadCount(1)
        WorkTeam.setSharedSize(count)
    }

    /// Sets the library's own thread count (for measuring its peak on a large product).
    public static func setLibraryThreadCount(_ count: Int) {
        #if !canImport(Accelerate)
            openblas_set_num_threads(Int32(max(1, count)))
        #endif
    }
}
