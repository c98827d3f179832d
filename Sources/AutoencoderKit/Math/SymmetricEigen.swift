// SymmetricEigen: eigenvalues and eigenvectors of a symmetric matrix, by LAPACK's divide and
// conquer (ssyevd in single precision, dsyevd in double). The one eigensolver of the program:
// PCAReference uses it on the D×D pixel covariance, the workbench's code scatter on the H×H
// code covariance.
import CBLAS

/// Symmetric eigen-decomposition.
public enum SymmetricEigen {
    /// Eigenvalues (ascending) and eigenvectors (row i pairs with value i) of the symmetric
    /// n×n `matrix`, by LAPACK ssyevd.
    public static func decompose(_ matrix: [Float], size n: Int) throws(PCAError) -> ([Float], [Float]) {
        try decompose(matrix, size: n, routine: ssyevd_)
    }

    /// The same in double precision, by LAPACK dsyevd.
    public static func decompose(_ matrix: [Double], size n: Int) throws(PCAError) -> ([Double], [Double]) {
        try decompose(matrix, size: n, routine: dsyevd_)
    }

    /// LAPACK's ?syevd: jobz, uplo, n, a, lda, w, work, lwork, iwork, liwork, info.
    typealias Routine<T> = (
        UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<Int32>?, UnsafeMutablePointer<T>?,
        UnsafePointer<Int32>?, UnsafeMutablePointer<T>?, UnsafeMutablePointer<T>?, UnsafePointer<Int32>?,
        UnsafeMutablePointer<Int32>?, UnsafePointer<Int32>?, UnsafeMutablePointer<Int32>?
    ) -> Void

    /// A workspace query, then the decomposition (eigenvectors wanted, upper triangle read).
    static func decompose<T: BinaryFloatingPoint>(_ matrix: [T], size n: Int, routine: Routine<T>) throws(PCAError)
        -> ([T], [T])
    {
        var a = matrix
        var w = [T](repeating: 0, count: n)
        var jobz = Int8(UInt8(ascii: "V"))
        var uplo = Int8(UInt8(ascii: "U"))
        var nn = Int32(n)
        var lda = Int32(n)
        var info: Int32 = 0
        var lwork: Int32 = -1
        var liwork: Int32 = -1
        var workSize: T = 0
        var iworkSize: Int32 = 0
        routine(&jobz, &uplo, &nn, &a, &lda, &w, &workSize, &lwork, &iworkSize, &liwork, &info)
        guard info == 0 else { throw .lapack(Int(info)) }
        lwork = Int32(workSize)
        liwork = iworkSize
        var work = [T](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: Int(liwork))
        routine(&jobz, &uplo, &nn, &a, &lda, &w, &work, &lwork, &iwork, &liwork, &info)
        guard info == 0 else { throw .lapack(Int(info)) }
        return (w, a)
    }
}
