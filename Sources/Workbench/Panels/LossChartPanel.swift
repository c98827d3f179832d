// LossChartPanel: training loss per batch (smoothed) and train/validation loss per epoch.
import AutoencoderKit

/// The loss chart: x in epochs (batches placed at step / batches per epoch), y in the run's
/// loss unit. A diverged run's message is shown above the chart.
public struct LossChartPanel: Panel {
    public init() {}

    public func render(_ state: AppState, in rect: Rect, on canvas: inout TextCanvas) {
        let title = state.selected.map { "loss \(state.glyphMode.separator) \($0.titleName)" } ?? "loss"
        var inner = canvas.box(rect, title: title, glyphs: state.glyphMode)
        guard !inner.isEmpty else { return }
        guard let snapshot = state.selected else {
            canvas.writeCentred("waiting for the first snapshot", in: inner, y: inner.y + inner.height / 2, role: .dim)
            return
        }
        if case .diverged(let reason) = snapshot.status {
            let lines = Self.wrap(
                "diverged: " + reason, width: inner.width, maxLines: 2, ellipsis: state.glyphMode.ellipsis)
            for (offset, line) in lines.enumerated() {
                canvas.write(line, x: inner.x, y: inner.y + offset, role: .error, clip: inner)
            }
            inner = inner.splitTop(lines.count).1
        }
        LineChartWidget.draw(
            series: Self.series(of: snapshot), unit: snapshot.lossUnit, xLabel: "epoch", in: inner,
            glyphs: state.glyphMode, options: Self.options(state, snapshot), on: &canvas)
    }

    /// Log scale and zoom from the state; reference lines in the chart's unit.
    static func options(_ state: AppState, _ snapshot: TrainingSnapshot) -> ChartOptions {
        ChartOptions(
            logScale: state.options.logScale, zoom: state.options.zoom,
            references: snapshot.references.filter { $0.unit == snapshot.lossUnit }.map {
                ChartReference(name: $0.name, value: $0.value)
            })
    }

    /// The series to plot: batch loss (in epochs), then epoch train, then epoch validation.
    static func series(of snapshot: TrainingSnapshot) -> [ChartSeries] {
        let perEpoch = Double(max(1, snapshot.batchesPerEpoch))
        var result = [
            ChartSeries(
                name: "batch", role: .lossBatch, asciiGlyph: ".",
                points: snapshot.batchLoss.points.map { SeriesPoint(x: $0.x / perEpoch, y: $0.y) })
        ]
        let epochs = snapshot.epochSeries.filter { $0.unit == snapshot.lossUnit || $0.unit.isEmpty }
        if let train = epochs.first(where: { $0.name.lowercased().hasPrefix("train") }) {
            result.append(ChartSeries(name: "train", role: .lossTrain, asciiGlyph: "*", points: train.points))
        }
        if let validation = epochs.first(where: { $0.name.lowercased().hasPrefix("val") }) {
            result.append(ChartSeries(name: "val", role: .lossValidation, asciiGlyph: "o", points: validation.points))
        }
        // further loss terms (penalty, KL) each get their own series
        let terms = snapshot.epochSeries.filter {
            !$0.name.lowercased().hasPrefix("train") && !$0.name.lowercased().hasPrefix("val")
        }
        let styles: [(StyleRole, Character)] = [(.heatHigh, "+"), (.statusFinished, "x"), (.warning, "%")]
        for (index, term) in terms.enumerated() {
            let style = styles[index % styles.count]
            result.append(ChartSeries(name: term.name, role: style.0, asciiGlyph: style.1, points: term.points))
        }
        return result
    }

    /// Splits text into at most `maxLines` lines of `width`, the last ending in `ellipsis` when cut.
    static func wrap(_ text: String, width: Int, maxLines: Int, ellipsis: String = "...") -> [String] {
        guard width > 0, maxLines > 0 else { return [] }
        var lines: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty, lines.count < maxLines {
            if rest.count <= width {
                lines.append(String(rest))
                rest = ""
            } else {
                let head = rest.prefix(width)
                let cut = head.lastIndex(of: " ").map { rest.distance(from: rest.startIndex, to: $0) } ?? width
                let take = cut > width / 2 ? cut : width
                lines.append(String(rest.prefix(take)))
                rest = rest.dropFirst(take).drop(while: { $0 == " " })
            }
        }
        if !rest.isEmpty, var last = lines.popLast() {
            last = String(last.prefix(max(0, width - ellipsis.count)))
            lines.append(last + ellipsis)
        }
        return lines
    }
}
