// A linear autoencoder trained with squared error reaches the PCA subspace's error
// (Goodfellow et al. 14.1), with PCA computed independently here in Float64.
import CBLAS
import Testing

@testable import AutoencoderKit

@Suite("Linear autoencoder and PCA")
struct LinearAutoencoderPCATests {
    /// Validation MSE per pixel of the top-k principal components, all in Float64:
    /// covariance by dgemm, eigenvectors by LAPACK dsyevd.
    static func independentPCAError(train: ImageSet, validation: ImageSet, k: Int) -> Double {
        let d = train.pixelsPerImage
        let n = train.count
        var x = [Double](repeating: 0, count: n * d)
        x.withUnsafeMutableBufferPointer { train.fill($0.baseAddress!, indices: Int32(0)..<Int32(n)) }
        var mean = [Double](repeating: 0, count: d)
        for i in 0..<n { for j in 0..<d { mean[j] += x[i * d + j] / Double(n) } }
        for i in 0..<n { for j in 0..<d { x[i * d + j] -= mean[j] } }
        var c = [Double](repeating: 0, count: d * d)
        Double.gemm(
            transposeA: true, transposeB: false, m: d, n: d, k: n, alpha: 1 / Double(n), a: x, b: x, beta: 0, c: &c)
        var w = [Double](repeating: 0, count: d)
        var jobz = Int8(UInt8(ascii: "V"))
        var uplo = Int8(UInt8(ascii: "U"))
        var nn = Int32(d)
        var lda = Int32(d)
        var info: Int32 = 0
        var lwork = Int32(1 + 6 * d + 2 * d * d)
        var liwork = Int32(3 + 5 * d)
        var work = [Double](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: Int(liwork))
        dsyevd_(&jobz, &uplo, &nn, &c, &lda, &w, &work, &lwork, &iwork, &liwork, &info)
        precondition(info == 0)
        // rows d-k..<d of c (read row-major) are the top-k eigenvectors
        let v = Array(c[((d - k) * d)..<(d * d)])
        let m = validation.count
        var y = [Double](repeating: 0, count: m * d)
        y.withUnsafeMutableBufferPointer { validation.fill($0.baseAddress!, indices: Int32(0)..<Int32(m)) }
        for i in 0..<m { for j in 0..<d { y[i * d + j] -= mean[j] } }
        var codes = [Double](repeating: 0, count: m * k)
        Double.gemm(transposeA: false, transposeB: true, m: m, n: k, k: d, alpha: 1, a: y, b: v, beta: 0, c: &codes)
        var back = [Double](repeating: 0, count: m * d)
        Double.gemm(transposeA: false, transposeB: false, m: m, n: d, k: k, alpha: 1, a: codes, b: v, beta: 0, c: &back)
        var total = 0.0
        for i in 0..<(m * d) { total += (y[i] - back[i]) * (y[i] - back[i]) }
        return total / Double(m * d)
    }

    static func digits() throws -> Dataset {
        let full = try DataSource.digits.load(seed: 5)
        return Dataset(
            name: "digits", train: full.train.subset(0..<4000), validation: full.validation.subset(0..<1000), test: nil)
    }

    @Test("the engine's float PCA reference agrees with an independent float64 computation")
    func referenceAgrees() throws {
        let data = try Self.digits()
        let reference = try PCAReference(data.train, components: 16)
        let engine = reference.reconstructionError(data.validation)
        let independent = Self.independentPCAError(train: data.train, validation: data.validation, k: 16)
        #expect(abs(engine - independent) / independent < 1e-3, "engine \(engine) vs float64 \(independent)")
        #expect(reference.variances == reference.variances.sorted(by: >))
    }

    @Test("a linear 784-16-784 autoencoder with squared error lands within 3% of PCA's error")
    func linearMatchesPCA() throws {
        let data = try Self.digits()
        let k = 16
        let pca = Self.independentPCAError(train: data.train, validation: data.validation, k: k)
        let config = TrainingConfig(
            name: "linear",
            architecture: Architecture(
                encoderSizes: [k], hiddenActivation: .identity, codeActivation: .identity,
                outputActivation: .identity),
            loss: .mse, optimizer: OptimizerSettings(kind: .adam, learningRate: 2e-3), batchSize: 64,
            epochs: 40, seed: 1)
        let trainer = try Trainer(config: config, dataset: data)
        var errors: [Double] = []
        for epoch in 0..<40 {
            if epoch == 25 { trainer.setLearningRate(5e-4) }
            errors.append(try trainer.trainEpoch().validationLossPerPixel)
        }
        let final = errors.last!
        #expect(
            final <= pca * 1.03, "linear AE \(final) vs PCA \(pca); curve \(errors.map { ($0 * 1e4).rounded() / 1e4 })")
        #expect(final >= pca * 0.97, "a linear AE cannot beat PCA by much on held-out data: \(final) vs \(pca)")
    }
}
