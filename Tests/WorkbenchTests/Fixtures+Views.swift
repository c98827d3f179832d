// Fixtures+Views: deterministic data for the views beyond the dashboard: a paired run B,
// reference lines, history frames, filters, a code scatter and a latent walk.
import AutoencoderKit
import Foundation

@testable import Workbench

extension Fixtures {
    /// Run A (sparse-l1, 32 units) with every view's data filled in, paired with id 1.
    static func viewSnapshot(size: TerminalSize, units: Int = 32, name: String = "sparse-l1", blur: Int = 1)
        -> TrainingSnapshot
    {
        var s = snapshot(units: units)
        s.runName = name
        s.pairID = 1
        var reconstructions = s.probeInputs
        for _ in 0..<blur { reconstructions = reconstructions.map(reconstruction) }
        s.probeReconstructions = reconstructions
        s.codeStatistics.deadUnits = blur == 1 ? 3 : 0
        s.probeErrors = (0..<s.probeInputs.count).map { 0.08 + 0.01 * Double($0 % 5) * Double(blur) }
        s.lastEpochSeconds = 1.25 * Double(blur)
        s.lastPenalty = blur == 1 ? 0.0123 : nil
        s.jacobianNorm = 4.5 / Double(blur)
        s.references = [ReferenceLine(name: "entropy floor", value: 0.072, unit: "BCE/px")]
        s.codeHistogram = CodeProjection.histogram(s.probeCodes)
        s.historyInputs = s.probeInputs
        s.history = (1...5).map { epoch in
            EpochFrame(
                epoch: epoch, step: epoch * 469,
                reconstructions: s.probeInputs.map { image in
                    var out = image
                    for _ in 0..<(6 - epoch) { out = reconstruction(of: out) }
                    return out
                }, codes: codes(probes: s.probeInputs.count, units: units).map { $0.map { $0 * Float(epoch) / 5 } },
                statistics: s.codeStatistics, validationLoss: 0.2 - 0.02 * Double(epoch))
        }
        s.filters = [filterSet("decoder columns", units: units), filterSet("encoder rows", units: units)]
        s.scatter = scatter()
        s.walk = walk(steps: LatentWalkPanel.fit(width: size.columns - 2).steps, units: units)
        s.anomaly = anomaly(holdout: blur == 1 ? 3 : nil)
        return s
    }

    /// Run B: an undercomplete 16-unit code with blurrier reconstructions, same pair.
    static func partnerSnapshot(size: TerminalSize) -> TrainingSnapshot {
        var s = viewSnapshot(size: size, units: 16, name: "undercomplete", blur: 2)
        s.batchLoss.points = s.batchLoss.points.map { SeriesPoint(x: $0.x, y: $0.y * 1.15 + 0.01) }
        s.epochSeries = s.epochSeries.map { series in
            var copy = series
            copy.points = series.points.map { SeriesPoint(x: $0.x, y: $0.y * 1.12) }
            return copy
        }
        s.lastValidationLoss = 0.1134
        return s
    }

    /// Two paired runs at `size` showing `view`.
    static func pairedState(
        size: TerminalSize, view: View = .dashboard, glyphs: GlyphMode = .braille, colors: ColorMode = .colors256
    ) -> AppState {
        var state = AppState(
            runs: [viewSnapshot(size: size), partnerSnapshot(size: size)], size: size,
            themeNames: ["default", "light"],
            glyphMode: glyphs, colorMode: colors)
        state.view = view
        return state
    }

    /// Gabor-like weight patterns, one per unit, normalized as the session does.
    static func filterSet(_ title: String, units: Int) -> FilterSet {
        let weights = (0..<units).map { unit -> [Float] in
            let angle = Double(unit) * 0.7
            return (0..<(side * side)).map { index in
                let r = Double(index / side) - 14
                let c = Double(index % side) - 14
                let u = r * cos(angle) + c * sin(angle)
                return Float(exp(-(r * r + c * c) / 60) * sin(u * 0.6 + Double(unit)))
            }
        }
        return FilterSet(
            title: title, unitCount: units, rows: side, columns: side, tiles: FilterImages.normalized(weights))
    }

    /// 300 points in ten clusters on a ring, labelled by cluster.
    static func scatter() -> CodeScatter {
        let points = (0..<300).map { i -> SeriesPoint in
            let label = Double(i % 10)
            let jitter = sin(Double(i) * 12.9898) * 0.4
            return SeriesPoint(x: cos(label * 0.63) * 3 + jitter, y: sin(label * 0.63) * 2 + cos(Double(i)) * 0.4)
        }
        return CodeScatter(xName: "PC1", yName: "PC2", points: points, labels: (0..<300).map { UInt8($0 % 10) })
    }

    /// A walk from probe 0 to probe 1 blended pixel by pixel.
    static func walk(steps: Int, units: Int) -> LatentWalk {
        let a = probeImage(0)
        let b = probeImage(1)
        let line = (0..<steps).map { step -> [UInt8] in
            let t = Double(step) / Double(max(1, steps - 1))
            return zip(a, b).map { UInt8((1 - t) * Double($0) + t * Double($1)) }
        }
        var code = codes(probes: 1, units: units)[0]
        code[2] += 0.5
        return LatentWalk(
            sampleA: 0, sampleB: 1, inputA: a, inputB: b, interpolation: line, unit: 2, code: code,
            varied: reconstruction(of: probeImage(2)), original: code[2] - 0.5, offset: 0.5)
    }

    /// 900 normal errors around 0.09 and 100 held-out ones around 0.15 (BCE/px), with the worst
    /// six images; without a held-out class all 1,000 are normal.
    static func anomaly(holdout: Int?) -> AnomalyReport {
        let normal = (0..<900).map { 0.09 + 0.03 * sin(Double($0) * 1.7) * abs(cos(Double($0) * 0.31)) }
        let held = (0..<100).map { 0.15 + 0.04 * sin(Double($0) * 2.3) }
        let all = holdout == nil ? normal + held : normal
        let anomalous = holdout == nil ? [] : held
        let worst = (0..<6).map { i in
            let input = probeImage(i)
            let output = reconstruction(of: reconstruction(of: input))
            return WorstImage(
                index: 900 + i * 7, label: holdout ?? 8, error: 0.2 - 0.01 * Double(i), input: input,
                reconstruction: output,
                errorMap: zip(input, output).map { UInt8(min(255, abs(Int($0) - Int($1)) * 2)) })
        }
        return AnomalyReport(
            unit: "BCE/px", holdoutClass: holdout, setName: "digits validation", normal: ErrorSummary(all),
            anomalous: ErrorSummary(anomalous), histogram: ErrorHistogram(normal: all, anomalous: anomalous, bins: 24),
            auroc: holdout == nil ? nil : AUROC.compute(normal: normal, anomalous: held), worst: worst,
            errorMapMaximum: 2.5)
    }
}
