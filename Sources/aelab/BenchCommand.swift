// BenchCommand: `aelab bench` (make bench), prints throughput figures; never a test.
import ArgumentParser
import AutoencoderKit
import CCPUTarget
import Foundation

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure training speed against the matrix products alone.")

    @Option(help: "Data: fashion (default, built-in digits when absent), digits, or a folder.")
    var data: String = "fashion"
    @Option(help: "BLAS threads.")
    var threads: Int = 2

    func run() throws {
        BLAS.setThreadCount(threads)
        var dataset: Dataset
        do {
            dataset = try DataSource(argument: data).load(seed: 1)
        } catch {
            print("note: \(error); using built-in digits")
            dataset = try DataSource.digits.load(seed: 1)
        }
        print(BLASCoreSelection.kernelExplanation)
        print("engine compiled for: \(String(cString: cputarget_name())) (AELAB_CPU at build time)")
        print("threads: \(BLAS.threadCount) (aelab splits each layer over them; OpenBLAS runs each part on one)")
        let peak = Benchmark.peakGflops()
        print("peak: sgemm 2048x2048x2048 at \(fmt(peak, 1)) GFLOP/s")
        print("data: \(dataset.name), \(dataset.train.count) training images")
        let models: [(String, TrainingConfig)] = [
            (
                "784-256(ReLU)-784(sigmoid)",
                Self.config(
                    Architecture(
                        encoderSizes: [256], hiddenActivation: .relu, codeActivation: .relu, outputActivation: .sigmoid)
                )
            ),
            (
                "sparse-KL 784-1024(sigmoid)-784(sigmoid), KL β 0.1 ρ 0.05",
                Self.config(
                    Architecture(
                        encoderSizes: [1024], hiddenActivation: .sigmoid, codeActivation: .sigmoid,
                        outputActivation: .sigmoid),
                    regularization: Regularization(kl: KLSparsitySettings(beta: 0.1, rho: 0.05)))
            ),
            (
                "deep 784-512-128-32-128-512-784 (ReLU, sigmoid out)",
                Self.config(
                    Architecture(
                        encoderSizes: [512, 128, 32], hiddenActivation: .relu, codeActivation: .relu,
                        outputActivation: .sigmoid))
            ),
        ]
        for (label, config) in models {
            let report = try Benchmark.run(config: config, dataset: dataset)
            print("\(label), BCE, Adam, batch 128:")
            print(
                "  sgemm on the model's shapes: \(fmt(report.productGflops, 1)) GFLOP/s, "
                    + "\(Int((100 * report.productGflops / peak).rounded()))% of peak (target >= 80%)")
            print("  epoch: \(fmt(report.epochSeconds, 3)) s, \(Int(report.samplesPerSecond.rounded())) samples/s")
            print("  matrix products alone: \(fmt(report.productSeconds, 3)) s")
            print(
                "  time outside products: \(fmt(report.epochSeconds - report.productSeconds, 3)) s "
                    + "(\(Int((100 * (1 - 1 / report.ratio)).rounded()))% of the epoch)")
            print("  ratio epoch / products: \(fmt(report.ratio, 2))x (target <= 1.25x)")
        }
    }

    static func config(_ architecture: Architecture, regularization: Regularization = .none) -> TrainingConfig {
        TrainingConfig(
            name: "bench", architecture: architecture, loss: .bce, regularization: regularization,
            optimizer: OptimizerSettings(kind: .adam, learningRate: 1e-3), batchSize: 128, epochs: 2, seed: 1)
    }
}
