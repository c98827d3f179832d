// Roofline: how close the shown run trains to its matrix-product floor, for the help box.
//
// A training step's matrix products (Benchmark.flopsPerStep) are its floor: the rate they reach
// alone on the model's shapes (Benchmark.timeProducts) against the BLAS's rate on a large square
// product (Benchmark.peakGflops) says how well the shapes suit the BLAS, and the run's measured
// samples per second against the products' rate says what share of each step goes to everything
// else (activations, loss, penalties, Adam). Measured once per run, on the training queue, the
// first time the help box asks for it (about 0.1 s with the session paused in between).
import AutoencoderKit
import Dispatch

/// The figures behind the help box's speed line.
public struct Roofline: Sendable, Equatable {
    /// "OpenBLAS SkylakeX".
    public var blas: String
    /// Threads the engine splits each layer over.
    public var threads: Int
    /// The BLAS's rate on a 1024³ product, GFLOP/s.
    public var peakGflops: Double
    /// The run's products alone, on its own shapes and batch, GFLOP/s.
    public var productsGflops: Double
    /// Floating-point operations of the products per training sample.
    public var flopsPerSample: Double

    public init(blas: String, threads: Int, peakGflops: Double, productsGflops: Double, flopsPerSample: Double) {
        self.blas = blas
        self.threads = threads
        self.peakGflops = peakGflops
        self.productsGflops = productsGflops
        self.flopsPerSample = flopsPerSample
    }

    /// Share (0...1) of training time spent outside the products at `samplesPerSecond`: one
    /// minus the products' time per sample over the measured time per sample. Nil when the run
    /// is not training.
    public func outsideShare(samplesPerSecond: Double) -> Double? {
        guard samplesPerSecond > 0, productsGflops > 0 else { return nil }
        let productSecondsPerSample = flopsPerSample / (productsGflops * 1e9)
        return min(1, max(0, 1 - productSecondsPerSample * samplesPerSecond))
    }

    /// "OpenBLAS SkylakeX, 1 thread: products 82 GFLOP/s = 84% of peak 98".
    public var productsLine: String {
        let share = peakGflops > 0 ? Int((productsGflops / peakGflops * 100).rounded()) : 0
        return "\(blas), \(threads) thread\(threads == 1 ? "" : "s"): products \(Int(productsGflops.rounded()))"
            + " GFLOP/s = \(share)% of peak \(Int(peakGflops.rounded()))"
    }

    /// "36% of training time outside products", or what stands in for it when not training.
    public func outsideLine(samplesPerSecond: Double) -> String {
        guard let share = outsideShare(samplesPerSecond: samplesPerSecond) else {
            return "time outside products: shown while training"
        }
        return "\(Int((share * 100).rounded()))% of training time outside products"
    }

    /// Measures the figures for `trainer`'s model (about 0.1 s: three 1024³ products and five
    /// steps' worth of the model's products). `peak` is called once; it runs the library on the
    /// team's threads for a moment, so nothing else may train in the process meanwhile (the
    /// session calls this on its one training queue).
    static func measure(_ trainer: Trainer, peak: () -> Double = { Benchmark.peakGflops(size: 1024, repeats: 2) })
        -> Roofline
    {
        let batch = trainer.config.batchSize
        let steps = 5
        let flopsPerStep = Benchmark.flopsPerStep(trainer.model.layout, batch: batch)
        let seconds = Benchmark.timeProducts(trainer.model, batch: batch, steps: steps)
        return Roofline(
            blas: "OpenBLAS " + BLAS.coreName, threads: BLAS.threadCount,
            peakGflops: peak(),
            productsGflops: seconds > 0 ? flopsPerStep * Double(steps) / seconds / 1e9 : 0,
            flopsPerSample: flopsPerStep / Double(max(batch, 1)))
    }
}
