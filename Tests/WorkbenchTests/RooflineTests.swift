// Roofline: the help box's speed figures from known numbers, and a real measurement.
import AutoencoderKit
import Testing

@testable import Workbench

@Suite struct RooflineTests {
    static let figures = Roofline(
        blas: "OpenBLAS SkylakeX", threads: 1, peakGflops: 100, productsGflops: 80, flopsPerSample: 2_000_000)

    @Test func theShareOutsideProductsIsOneMinusProductTimeOverStepTime() throws {
        // products alone: 2 MFLOP at 80 GFLOP/s = 25 µs a sample; at 30,000 samples/s a sample
        // takes 33.3 µs, so a quarter of it is spent outside the products
        let share = try #require(Self.figures.outsideShare(samplesPerSecond: 30_000))
        #expect(abs(share - 0.25) < 1e-12)
        #expect(Self.figures.outsideShare(samplesPerSecond: 0) == nil)
        #expect(Self.figures.outsideShare(samplesPerSecond: 50_000) == 0)  // faster than the floor: clamped
        #expect(Self.figures.outsideLine(samplesPerSecond: 30_000) == "25% of training time outside products")
        #expect(Self.figures.productsLine == "OpenBLAS SkylakeX, 1 thread: products 80 GFLOP/s = 80% of peak 100")
    }

    @Test func theHelpBoxSaysItIsMeasuringUntilTheFiguresArrive() {
        #expect(HelpOverlay.speedLines(nil).0 == "speed: measuring the products and the BLAS peak")
        var snapshot = Fixtures.snapshot()
        snapshot.roofline = Self.figures
        snapshot.samplesPerSecond = 0
        #expect(HelpOverlay.speedLines(snapshot).1 == "time outside products: shown while training")
    }

    @Test func aMeasurementOfARealModelGivesPositiveRatesAndItsFlopCount() throws {
        let config = TrainingConfig(name: "t", architecture: Architecture(encoderSizes: [32]), batchSize: 16)
        let trainer = try Trainer(config: config, dataset: SessionTests.dataset())
        // the peak is given: measuring it changes the library's threads, which would disturb the
        // tests that train beside this one (aelab bench measures it, in its own process)
        let figures = Roofline.measure(trainer, peak: { 100 })
        #expect(figures.peakGflops == 100 && figures.productsGflops > 0)
        // 784x32 encoder: forward and dW; 32x784 decoder: forward, dW and dx; 2 flops a multiply-add
        #expect(figures.flopsPerSample == 2 * Double(784 * 32) * 2 + 2 * Double(32 * 784) * 3)
        #expect(figures.threads == BLAS.threadCount && figures.blas.hasPrefix("OpenBLAS "))
    }
}
