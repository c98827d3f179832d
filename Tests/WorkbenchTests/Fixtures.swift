// Fixtures: deterministic snapshots (images, series, codes) for panel and loop tests.
import AutoencoderKit
import Foundation

@testable import Workbench

enum Fixtures {
    static let side = 28

    /// A digit-like stroke image: probe 0 a ring, 1 a bar, 2 a seven, then variations.
    static func probeImage(_ index: Int) -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: side * side)
        func ink(_ r: Int, _ c: Int, _ value: Int) {
            guard r >= 0, r < side, c >= 0, c < side else { return }
            pixels[r * side + c] = UInt8(max(Int(pixels[r * side + c]), min(255, value)))
        }
        let kind = index % 4
        let shift = index / 4
        for r in 0..<side {
            for c in 0..<side {
                let dr = Double(r) - 14
                let dc = Double(c) - 14 - Double(shift)
                switch kind {
                case 0:
                    let d = abs((dr * dr / 81 + dc * dc / 36).squareRoot() - 1)
                    if d < 0.3 { ink(r, c, Int(255 * (1 - d / 0.3))) }
                case 1:
                    if abs(dc + dr * 0.15) < 1.6, abs(dr) < 10 { ink(r, c, 255 - Int(abs(dc) * 60)) }
                case 2:
                    if (r == 6 || r == 7) && abs(dc) < 7 { ink(r, c, 240) }
                    if r > 6, r < 23, abs(dc - (7 - Double(r - 6) * 0.55)) < 1.4 { ink(r, c, 230) }
                default:
                    if abs(dr + 4) < 1.3 && abs(dc) < 6 { ink(r, c, 220) }
                    if abs(dc - 5) < 1.3 && dr > -4 && dr < 9 { ink(r, c, 250) }
                    if abs(dc + 5) < 1.3 && dr > -11 && dr < -3 { ink(r, c, 200) }
                }
            }
        }
        return pixels
    }

    /// The image blurred with a 3×3 box and dimmed: a plausible reconstruction.
    static func reconstruction(of pixels: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: pixels.count)
        for r in 0..<side {
            for c in 0..<side {
                var sum = 0
                var count = 0
                for dr in -1...1 {
                    for dc in -1...1 where (0..<side).contains(r + dr) && (0..<side).contains(c + dc) {
                        sum += Int(pixels[(r + dr) * side + c + dc])
                        count += 1
                    }
                }
                out[r * side + c] = UInt8(min(255, sum / count * 9 / 10 + 8))
            }
        }
        return out
    }

    /// Code activations: probe × units, sparse and deterministic.
    static func codes(probes: Int, units: Int) -> [[Float]] {
        (0..<probes).map { p in
            (0..<units).map { u in
                let v = sin(Double(p * 7 + u * 3)) * 0.5 + 0.5
                return u % 5 == 4 ? 0 : Float(v > 0.55 ? v : v * 0.1)
            }
        }
    }

    static func batchLoss(steps: Int) -> MetricSeries {
        MetricSeries(
            name: "train", unit: "BCE/px",
            points: stride(from: 0, through: steps, by: 10).map { s in
                let x = Double(s)
                return SeriesPoint(x: x, y: 0.09 + 0.5 * exp(-x / 300) + 0.004 * sin(x / 7))
            })
    }

    static func epochSeries(epochs: Int, perEpoch: Int) -> [MetricSeries] {
        let train = (1...epochs).map { e in SeriesPoint(x: Double(e), y: 0.09 + 0.5 * exp(-Double(e * perEpoch) / 300))
        }
        let validation = train.map { SeriesPoint(x: $0.x, y: $0.y + 0.006 + 0.002 * $0.x) }
        return [
            MetricSeries(name: "train", unit: "BCE/px", points: train),
            MetricSeries(name: "validation", unit: "BCE/px", points: validation),
        ]
    }

    /// A sparse autoencoder run, 5 of 20 epochs done, 16 probes, 32 code units.
    static func snapshot(status: RunStatus = .running, probes: Int = 16, units: Int = 32) -> TrainingSnapshot {
        let inputs = (0..<probes).map(probeImage)
        let codes = codes(probes: probes, units: units)
        let flat = codes.flatMap { $0 }
        let nearZero = Float(flat.filter { abs($0) < 0.01 }.count) / Float(flat.count)
        let means = (0..<units).map { u in codes.map { $0[u] }.reduce(0, +) / Float(probes) }
        return TrainingSnapshot(
            runName: "sparse-l1", status: status, epoch: 5, totalEpochs: 20, batchInEpoch: 120,
            batchesPerEpoch: 469, step: 5 * 469 + 120, lossUnit: "BCE/px", batchLoss: batchLoss(steps: 5 * 469 + 120),
            epochSeries: epochSeries(epochs: 5, perEpoch: 469), lastBatchLoss: 0.09342, lastValidationLoss: 0.1012,
            imageRows: side, imageColumns: side, probeInputs: inputs, probeReconstructions: inputs.map(reconstruction),
            probeCodes: codes,
            codeStatistics: CodeStatistics(
                unitMeans: means, meanActivation: flat.reduce(0, +) / Float(flat.count), nearZeroShare: nearZero,
                deadUnits: means.filter { $0 < 0.01 }.count),
            samplesPerSecond: 5230,
            settings: [
                ("preset", "sparse-l1"), ("layers", "784-32-784"), ("activation", "sigmoid"),
                ("loss", "BCE/px (mean over pixels)"), ("optimizer", "adam lr 1e-3"), ("sparsity", "L1 weight 1e-3"),
                ("batch", "128"), ("seed", "42"),
            ])
    }

    static func state(
        size: TerminalSize, view: View = .dashboard, glyphs: GlyphMode = .braille, colors: ColorMode = .colors256,
        snapshot: TrainingSnapshot? = Fixtures.snapshot()
    ) -> AppState {
        var state = AppState(
            runs: snapshot.map { [$0] } ?? [], size: size, themeNames: ["default", "light"], glyphMode: glyphs,
            colorMode: colors)
        state.view = view
        return state
    }
}
