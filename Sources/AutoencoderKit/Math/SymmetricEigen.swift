// SymmetricEigen: eigenvalues and eigenvectors of a symmetric matrix, by LAPACK's divide and
// conquer (ssyevd in single precision, dsyevd in double). The one eigensolver of the program:
// PCAReference uses it on the D×D pixel covariance, the workbench's code scatter on the H×H
// code covariance.
import CBLAS

/// Symmetric eigen-decomposition.
public enum SymmetricEigen {
    /// Eigenvalues (ascending) and eigenvectors (row i pairs with value i) of the symmetric
    /// n×n `matrix`, by LAPACK ssyevd.
    public static func decompose(_ matrix: [Float], size n: Int) throws -> ([Float], [Float]) {
        var a = matrix
        var w = [Float](repeating: 0, count: n)
        var jobz = Int8(UInt8(ascii: "V"))
        var uplo = Int8(UInt8(ascii: "U"))
        var nn = Int32(n)
        var lda = Int32(n)
        var info: Int32 = 0
        var lwork: Int32 = -1
        var liwork: Int32 = -1
        var workSize: Float = 0
        var iworkSize: Int32 = 0
        ssyevd_(&jobz, &uplo, &nn, &a, &lda, &w, &workSize, &lwork, &iworkSize, &liwork, &info)
        guard info == 0 else { throw PCAError.lapack(Int(info)) }
        lwork = Int32(workSize)
        liwork = iworkSize
        var work = [Float](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: Int(liwork))
        ssyevd_(&jobz, &uplo, &nn, &a, &lda, &w, &work, &lwork, &iwork, &liwork, &info)
        guard info == 0 else { throw PCAError.lapack(Int(info)) }
        return (w, a)
    }

    /// The same in double precision, by LAPACK dsyevd.
    public static func decompose(_ matrix: [Double], size n: Int) throws -> ([Double], [Double]) {
        var a = matrix
        var w = [Double](repeating: 0, count: n)
        var jobz = Int8(UInt8(ascii: "V"))
        var uplo = Int8(UInt8(ascii: "U"))
        var nn = Int32(n)
        var lda = Int32(n)
        var info: Int32 = 0
        var lwork: Int32 = -1
        var liwork: Int32 = -1
        var workSize: Double = 0
        var iworkSize: Int32 = 0
        dsyevd_(&jobz, &uplo, &nn, &a, &lda, &w, &workSize, &lwork, &iworkSize, &liwork, &info)
        guard info == 0 else { throw PCAError.lapack(Int(info)) }
        lwork = Int32(workSize)
        liwork = iworkSize
        var work = [Double](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: Int(liwork))
        dsyevd_(&jobz, &uplo, &nn, &a, &lda, &w, &work, &lwork, &iwork, &liwork, &info)
        guard info == 0 else { throw PCAError.lapack(Int(info)) }
        return (w, a)
    }
}
