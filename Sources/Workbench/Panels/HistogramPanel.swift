// HistogramPanel: how code activations are distributed (a sparse code piles up at zero).
import Foundation

/// A histogram of code activations on a log-count scale, with its range underneath.
public struct HistogramPanel: Panel {
    public init() {}

    public func render(_ state: AppState, in rect: Rect, on canvas: inout TextCanvas) {
        let inner = canvas.box(rect, title: "activations (log count)", glyphs: state.glyphMode)
        guard !inner.isEmpty else { return }
        guard let histogram = state.selected?.codeHistogram, !histogram.counts.isEmpty else {
            canvas.writeCentred("no activations yet", in: inner, y: inner.y + inner.height / 2, role: .dim)
            return
        }
        let (bars, axis) = inner.splitBottom(1)
        let heights = histogram.counts.map { log1p(Double($0)) }
        BarsWidget.draw(values: heights, in: bars, role: .lossTrain, glyphs: state.glyphMode, on: &canvas)
        let total = max(1, histogram.counts.reduce(0, +))
        let first = Double(histogram.counts[0]) / Double(total)
        canvas.write(NumberFormat.value(Double(histogram.low)), x: axis.x, y: axis.y, role: .axis, clip: axis)
        canvas.writeCentred("first bin \(NumberFormat.percent(first))", in: axis, y: axis.y, role: .axis)
        canvas.writeRight(NumberFormat.value(Double(histogram.high)), in: axis, y: axis.y, role: .axis)
    }
}
