// ComparePanels: the A/B compare view: both loss curves on one chart, input | A | B images of
// the same probes, both code heatmaps, and (CompareTablePanel) the metrics with their
// difference. A is the selected run; B its pair partner, else the next kept run.
import AutoencoderKit

/// Shared lookups of the compare view.
enum Comparison {
    /// The two runs, or a message saying how to get a second one.
    static func runs(_ state: AppState) -> (a: TrainingSnapshot, b: TrainingSnapshot, paired: Bool)? {
        guard let a = state.selected, let (b, paired) = state.comparison else { return nil }
        return (a, b, paired)
    }

    static let hint = "one run only: press c then 1-9 to pair"

    /// "paired" for a true pair (same start, lockstep), else a warning that the starts differ.
    static func relation(_ paired: Bool) -> String { paired ? "paired" : "NOT paired" }
}

/// Both runs' smoothed batch loss and validation loss on one chart.
public struct CompareLossPanel: Panel {
    public init() {}

    public func render(_ state: AppState, in rect: Rect, on canvas: inout TextCanvas) {
        guard let (a, b, _) = Comparison.runs(state) else {
            let inner = canvas.box(rect, title: "compare", glyphs: state.glyphMode)
            canvas.writeCentred(Comparison.hint, in: inner, y: inner.y + inner.height / 2, role: .dim)
            return
        }
        let sep = state.glyphMode.separator
        let inner = canvas.box(rect, title: "A \(a.titleName) \(sep) B \(b.titleName)", glyphs: state.glyphMode)
        guard !inner.isEmpty else { return }
        func batch(_ s: TrainingSnapshot) -> [SeriesPoint] {
            let perEpoch = Double(max(1, s.batchesPerEpoch))
            return s.batchLoss.points.map { SeriesPoint(x: $0.x / perEpoch, y: $0.y) }
        }
        func validation(_ s: TrainingSnapshot) -> [SeriesPoint] {
            s.epochSeries.first { $0.name.lowercased().hasPrefix("val") }?.points ?? []
        }
        var series = [
            ChartSeries(name: "A", role: .runA, asciiGlyph: "a", points: batch(a)),
            ChartSeries(name: "B", role: .runB, asciiGlyph: "b", points: batch(b)),
        ]
        if !validation(a).isEmpty || !validation(b).isEmpty {
            series += [
                ChartSeries(name: "A val", role: .runA, asciiGlyph: "o", points: validation(a)),
                ChartSeries(name: "B val", role: .runB, asciiGlyph: "x", points: validation(b)),
            ]
        }
        let unit = a.lossUnit == b.lossUnit ? a.lossUnit : "\(a.lossUnit) | \(b.lossUnit)"
        LineChartWidget.draw(
            series: series, unit: unit, xLabel: "epoch", in: inner, glyphs: state.glyphMode,
            options: ChartOptions(logScale: state.options.logScale, zoom: state.options.zoom), on: &canvas)
    }
}

/// Input | A | B reconstructions of the same probes, each group captioned with both errors.
public struct CompareImagesPanel: Panel {
    public init() {}

    public func render(_ state: AppState, in rect: Rect, on canvas: inout TextCanvas) {
        guard let (a, b, _) = Comparison.runs(state) else {
            canvas.box(rect, title: "input | A | B", glyphs: state.glyphMode)
            return
        }
        let pa = state.probes(of: a)
        let pb = state.probes(of: b)
        let place = pa.epochLabel ?? "#\(pa.start)+"
        let inner = canvas.box(rect, title: "\(place): input | A | B", glyphs: state.glyphMode)
        guard !inner.isEmpty else { return }
        let count = min(pa.inputs.count, pa.reconstructions.count, pb.reconstructions.count)
        let groups = (0..<count).map { [pa.inputs[$0], pa.reconstructions[$0], pb.reconstructions[$0]] }
        let captions = zip(pa.errors, pb.errors).map { "\(NumberFormat.value($0)) \(NumberFormat.value($1))" }
        ImagesPanel.drawGroups(
            groups, captions: captions, rows: a.imageRows, columns: a.imageColumns, in: inner, state: state,
            maxScale: 3, on: &canvas)
    }
}

/// A's and B's code heatmaps side by side, each with its sparsity figures.
public struct CompareCodesPanel: Panel {
    public init() {}

    public func render(_ state: AppState, in rect: Rect, on canvas: inout TextCanvas) {
        let inner = canvas.box(rect, title: "code h: A | B", glyphs: state.glyphMode)
        guard !inner.isEmpty, let (a, b, _) = Comparison.runs(state) else { return }
        let half = (inner.width - 1) / 2
        let (left, rest) = inner.splitLeft(half)
        let right = rest.splitLeft(1).1
        for (snapshot, area, role) in [(a, left, StyleRole.runA), (b, right, .runB)] {
            let data = state.probes(of: snapshot)
            let units = data.codes.first?.count ?? 0
            let (name, body) = area.splitTop(1)
            canvas.write("\(role == .runA ? "A" : "B"): \(units) units", x: name.x, y: name.y, role: role, clip: name)
            let (map, stats) = body.splitBottom(2)
            HeatmapWidget.draw(
                values: data.codes, in: map, glyphs: state.glyphMode, colors: state.colorMode, on: &canvas)
            let s = data.statistics
            var column = canvas.write("mean ", x: stats.x, y: stats.y, role: .dim, clip: stats)
            canvas.write(NumberFormat.value(Double(s.meanActivation)), x: column, y: stats.y, role: .text, clip: stats)
            column = canvas.write("near0 ", x: stats.x, y: stats.y + 1, role: .dim, clip: stats)
            column = canvas.write(
                NumberFormat.percent(Double(s.nearZeroShare)), x: column, y: stats.y + 1, role: .text, clip: stats)
            column = canvas.write(" dead ", x: column, y: stats.y + 1, role: .dim, clip: stats)
            canvas.write(
                "\(s.deadUnits)", x: column, y: stats.y + 1, role: s.deadUnits > 0 ? .warning : .text, clip: stats)
        }
    }
}
