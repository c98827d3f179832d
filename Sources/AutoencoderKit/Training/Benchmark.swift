// Benchmark: measures a training epoch against the same epoch's matrix products alone.
//
// The products of one step are exactly those the layers issue: per layer, forward
// x·Wᵀ (B×O×I), dW = dzᵀ·x (O×I×B) and, below the first layer, dx = dz·W (B×I×O).
// Timing them alone on the same buffers gives the floor a training epoch can approach;
// the ratio epoch / products says how much the elementwise work, loss and optimizer add.
import Foundation

/// Figures of one benchmark run.
public struct BenchmarkReport: Sendable {
    public var architecture: String
    public var batchSize: Int
    public var samples: Int
    /// Seconds for one full training epoch (validation excluded).
    public var epochSeconds: Double
    /// Seconds for the same epoch's matrix products alone.
    public var productSeconds: Double
    /// Billions of floating-point operations per second in the products alone.
    public var productGflops: Double
    public var samplesPerSecond: Double { Double(samples) / epochSeconds }
    public var ratio: Double { epochSeconds / productSeconds }
}

public enum Benchmark {
    /// Floating-point operations of the matrix products of one training step on `batch` rows.
    public static func flopsPerStep(_ layout: ParameterLayout, batch: Int) -> Double {
        var total = 0.0
        for (index, layer) in layout.layers.enumerated() {
            let mac = Double(batch * layer.inputSize * layer.outputSize)
            total += 2 * mac * (index == 0 ? 2 : 3)
        }
        return total
    }

    /// Times `steps` steps' worth of the model's matrix products (no elementwise work), split
    /// over the model's team the way training splits them (forward and dx by batch rows, dW by
    /// weight rows), one join per layer as in training.
    /// - Returns: seconds.
    public static func timeProducts(_ model: Autoencoder<Float>, batch: Int, steps: Int) -> Double {
        let layers = model.layout.layers
        let widest = model.layout.layers.map { max($0.inputSize, $0.outputSize) }.max() ?? 1
        let x = FloatBuffer(count: batch * widest)
        let y = FloatBuffer(count: batch * widest)
        let dx = FloatBuffer(count: batch * widest)
        let g = FloatBuffer(count: model.parameters.count)
        let p = UnsafePointer(model.parameters.pointer)
        let team = model.team ?? WorkTeam.shared
        let parts = model.parts(batch: batch)
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<steps {
            for layer in layers {
                team.run(parts: parts) { part in
                    let rows = part.share(of: batch, alignment: 16)
                    guard !rows.isEmpty else { return }
                    Float.gemm(
                        transposeA: false, transposeB: !layer.usesTransposedWeight, m: rows.count,
                        n: layer.outputSize, k: layer.inputSize, alpha: 1,
                        a: x.pointer + rows.lowerBound * layer.inputSize,
                        b: p + layer.weightOffset, beta: 1, c: y.pointer + rows.lowerBound * layer.outputSize)
                }
            }
            for (index, layer) in layers.enumerated().reversed() {
                team.run(parts: parts) { part in
                    layer.accumulateWeightGradient(
                        rows: part.share(of: layer.storedWeightRows, alignment: 16), input: x.pointer,
                        preactivationGradient: y.pointer, batch: batch, gradients: g.pointer)
                    if index > 0 {
                        layer.inputGradient(
                            rows: part.share(of: batch, alignment: 16), preactivationGradient: y.pointer,
                            inputGradient: dx.pointer, parameters: p)
                    }
                }
            }
        }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// The BLAS's rate on a large square product (`size`³, best of `repeats` after one warm-up),
    /// the peak the models' products are measured against: the library's own threads, as many
    /// as the engine's team (put back to one afterwards).
    /// - Returns: GFLOP/s.
    public static func peakGflops(size: Int = 2048, repeats: Int = 3) -> Double {
        BLAS.setLibraryThreadCount(BLAS.threadCount)
        defer { BLAS.setLibraryThreadCount(1) }
        let a = FloatBuffer(count: size * size)
        let b = FloatBuffer(count: size * size)
        let c = FloatBuffer(count: size * size)
        for index in 0..<(size * size) {
            a.pointer[index] = Float(index % 7) * 0.01
            b.pointer[index] = Float(index % 5) * 0.01
        }
        var best = Double.infinity
        for round in 0...repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            Float.gemm(
                transposeA: false, transposeB: false, m: size, n: size, k: size, alpha: 1,
                a: a.pointer, b: b.pointer, beta: 0, c: c.pointer)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if round > 0 { best = min(best, seconds) }
        }
        return 2 * Double(size) * Double(size) * Double(size) / best / 1e9
    }

    /// Trains one warm-up epoch slice, then one full epoch, then times the products alone.
    public static func run(config: TrainingConfig, dataset: Dataset) throws -> BenchmarkReport {
        let trainer = try Trainer(config: config, dataset: dataset)
        for _ in 0..<min(20, trainer.batchesPerEpoch - 1) { try trainer.trainBatch() }
        // finish the partial epoch, then time a whole one
        if trainer.batchInEpoch > 0 { try trainer.trainEpoch() }
        let metrics = try trainer.trainEpoch()
        let steps = trainer.batchesPerEpoch
        let full = dataset.train.count / config.batchSize
        let remainder = dataset.train.count - full * config.batchSize
        var productSeconds = timeProducts(trainer.model, batch: config.batchSize, steps: full)
        if remainder > 0 { productSeconds += timeProducts(trainer.model, batch: remainder, steps: 1) }
        let flops =
            flopsPerStep(trainer.model.layout, batch: config.batchSize) * Double(full)
            + flopsPerStep(trainer.model.layout, batch: remainder) * (remainder > 0 ? 1 : 0)
        _ = steps
        return BenchmarkReport(
            architecture: config.architecture.description, batchSize: config.batchSize,
            samples: dataset.train.count, epochSeconds: metrics.seconds, productSeconds: productSeconds,
            productGflops: flops / productSeconds / 1e9)
    }
}
