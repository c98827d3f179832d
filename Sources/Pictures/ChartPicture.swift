// ChartPicture: line charts as pictures (loss curves for export), drawn on a PixelCanvas.
//
// Layout, top to bottom: title; plot area with grid, axes and "nice" tick labels (1, 2, 5 × 10^k);
// x-axis label. The y-axis label runs upwards at the left. The legend sits in the plot's top-right
// corner. Non-finite points are skipped and break the line there.

/// Draws charts on `PixelCanvas`es.
public enum ChartPicture {
    /// Colours of the chart furniture.
    static let background = RGB.white
    static let ink = RGB(hex: 0x222222)
    static let axis = RGB(hex: 0x555555)
    static let grid = RGB(hex: 0xE4E4E4)

    /// Where things were placed, for tests and callers that add marks.
    struct Layout {
        var plotLeft = 0, plotTop = 0, plotRight = 0, plotBottom = 0
        var legendLeft = 0, legendTop = 0, legendWidth = 0, legendHeight = 0
    }

    /// A line chart with axes, tick labels, title, axis labels and a legend.
    /// - Parameters:
    ///   - series: named point lists with their colours; points need not be sorted.
    ///   - title: drawn centred at the top.
    ///   - xLabel: under the x axis, e.g. "epoch".
    ///   - yLabel: along the y axis, with its unit, e.g. "loss (BCE/px)".
    ///   - width, height: picture size in pixels (at least 120 × 80 for a readable chart).
    /// - Returns: the drawn canvas.
    public static func lineChart(
        series: [(name: String, points: [(Double, Double)], color: RGB)],
        title: String, xLabel: String, yLabel: String, width: Int, height: Int
    ) -> PixelCanvas {
        draw(series: series, title: title, xLabel: xLabel, yLabel: yLabel, width: width, height: height).canvas
    }

    static func draw(
        series: [(name: String, points: [(Double, Double)], color: RGB)],
        title: String, xLabel: String, yLabel: String, width: Int, height: Int
    ) -> (canvas: PixelCanvas, layout: Layout) {
        var canvas = PixelCanvas(width: max(width, 1), height: max(height, 1), background: background)
        let finite = series.flatMap(\.points).filter { $0.0.isFinite && $0.1.isFinite }
        let xTicks = ChartTicks(
            low: finite.map(\.0).min() ?? 0, high: finite.map(\.0).max() ?? 1, target: max(2, width / 80))
        let yTicks = ChartTicks(
            low: finite.map(\.1).min() ?? 0, high: finite.map(\.1).max() ?? 1, target: max(2, height / 50))
        let yLabels = yTicks.values.map { yTicks.label($0) }
        let lineHeight = BitmapFont.glyphHeight + 4

        var layout = Layout()
        layout.plotLeft = 6 + lineHeight + (yLabels.map(BitmapFont.width(of:)).max() ?? 0) + 6
        layout.plotTop = 6 + lineHeight + 4
        layout.plotRight = width - 1 - 10
        layout.plotBottom = height - 1 - (6 + lineHeight + 3 + lineHeight)
        let plotWidth = layout.plotRight - layout.plotLeft
        let plotHeight = layout.plotBottom - layout.plotTop

        func px(_ x: Double) -> Int {
            layout.plotLeft + Int(((x - xTicks.low) / (xTicks.high - xTicks.low) * Double(plotWidth)).rounded())
        }
        func py(_ y: Double) -> Int {
            layout.plotBottom - Int(((y - yTicks.low) / (yTicks.high - yTicks.low) * Double(plotHeight)).rounded())
        }

        canvas.drawText(title, x: (width - BitmapFont.width(of: title)) / 2, y: 6, color: ink)
        guard plotWidth > 4, plotHeight > 4 else { return (canvas, layout) }

        for (value, label) in zip(yTicks.values, yLabels) {
            let y = py(value)
            canvas.fillRect(x: layout.plotLeft, y: y, width: plotWidth + 1, height: 1, color: grid)
            canvas.fillRect(x: layout.plotLeft - 3, y: y, width: 3, height: 1, color: axis)
            canvas.drawText(
                label, x: layout.plotLeft - 5 - BitmapFont.width(of: label), y: y - BitmapFont.glyphHeight / 2,
                color: ink)
        }
        for value in xTicks.values {
            let x = px(value)
            let label = xTicks.label(value)
            canvas.fillRect(x: x, y: layout.plotTop, width: 1, height: plotHeight + 1, color: grid)
            canvas.fillRect(x: x, y: layout.plotBottom + 1, width: 1, height: 3, color: axis)
            canvas.drawText(
                label, x: x - BitmapFont.width(of: label) / 2, y: layout.plotBottom + 6, color: ink)
        }
        canvas.fillRect(x: layout.plotLeft, y: layout.plotTop, width: 1, height: plotHeight + 1, color: axis)
        canvas.fillRect(x: layout.plotLeft, y: layout.plotBottom, width: plotWidth + 1, height: 1, color: axis)
        canvas.drawText(
            xLabel, x: layout.plotLeft + (plotWidth - BitmapFont.width(of: xLabel)) / 2,
            y: height - 6 - BitmapFont.glyphHeight, color: ink)
        canvas.drawText(
            yLabel, x: 6, y: layout.plotTop + (plotHeight + BitmapFont.width(of: yLabel)) / 2, color: ink,
            vertical: true)

        for line in series {
            let points = line.points.sorted { $0.0 < $1.0 }
            var previous: (x: Int, y: Int)?
            for (x, y) in points {
                guard x.isFinite, y.isFinite else {
                    previous = nil
                    continue
                }
                let point = (x: px(x), y: py(y))
                canvas.drawLine(from: previous ?? point, to: point, color: line.color, thickness: 2)
                previous = point
            }
        }
        drawLegend(series.map { ($0.name, $0.color) }, on: &canvas, layout: &layout)
        return (canvas, layout)
    }

    /// A boxed legend in the plot's top-right corner: a colour sample and the name per series.
    static func drawLegend(_ entries: [(String, RGB)], on canvas: inout PixelCanvas, layout: inout Layout) {
        guard !entries.isEmpty else { return }
        let sample = 14
        let rowHeight = BitmapFont.glyphHeight + 4
        layout.legendWidth = 6 + sample + 4 + (entries.map { BitmapFont.width(of: $0.0) }.max() ?? 0) + 6
        layout.legendHeight = 4 + entries.count * rowHeight
        layout.legendLeft = layout.plotRight - 4 - layout.legendWidth
        layout.legendTop = layout.plotTop + 4
        canvas.fillRect(
            x: layout.legendLeft, y: layout.legendTop, width: layout.legendWidth, height: layout.legendHeight,
            color: background)
        canvas.strokeRect(
            x: layout.legendLeft, y: layout.legendTop, width: layout.legendWidth, height: layout.legendHeight,
            color: axis)
        for (index, (name, color)) in entries.enumerated() {
            let top = layout.legendTop + 4 + index * rowHeight
            let middle = top + BitmapFont.glyphHeight / 2
            canvas.fillRect(x: layout.legendLeft + 6, y: middle - 1, width: sample, height: 2, color: color)
            canvas.drawText(name, x: layout.legendLeft + 6 + sample + 4, y: top, color: ink)
        }
    }
}
