// LineChartWidget: one or more series as lines in braille, half blocks or ASCII, with axes.
import AutoencoderKit

/// A series to plot: its legend name, style role, ASCII glyph and points.
public struct ChartSeries: Equatable, Sendable {
    public var name: String
    public var role: StyleRole
    /// The character used for this series in ASCII mode.
    public var asciiGlyph: Character
    public var points: [SeriesPoint]
    public init(name: String, role: StyleRole, asciiGlyph: Character, points: [SeriesPoint]) {
        self.name = name
        self.role = role
        self.asciiGlyph = asciiGlyph
        self.points = points
    }
}

/// Draws a line chart: unit label and legend on the first row, y labels on the left, the plot,
/// an x axis and its labels on the last two rows. Later series are drawn over earlier ones.
public enum LineChartWidget {
    /// Rows the chart needs besides the plot itself.
    public static let chromeRows = 3

    /// Draws `series` into `rect`.
    /// - Parameters:
    ///   - unit: The y unit shown above the y axis ("BCE/px").
    ///   - xLabel: The x quantity ("epoch").
    public static func draw(series: [ChartSeries], unit: String, xLabel: String, in rect: Rect, glyphs: GlyphMode, on canvas: inout TextCanvas) {
        guard rect.width >= 12, rect.height >= chromeRows + 1 else { return }
        canvas.write(unit, x: rect.x, y: rect.y, role: .axis, clip: rect)
        drawLegend(series, row: rect.y, from: rect.x + unit.count + 2, in: rect, glyphs: glyphs, on: &canvas)
        let points = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        let plotRows = rect.height - chromeRows
        guard let minX = points.map(\.x).min(), let maxX0 = points.map(\.x).max(),
            let minY0 = points.map(\.y).min(), let maxY0 = points.map(\.y).max()
        else {
            canvas.writeCentred("no data yet", in: rect, y: rect.y + 1 + plotRows / 2, role: .dim)
            return
        }
        let maxX = maxX0 > minX ? maxX0 : minX + 1
        let span = maxY0 - minY0
        let minY = span > 0 ? minY0 - span * 0.02 : minY0 - 0.5
        let maxY = span > 0 ? maxY0 + span * 0.02 : maxY0 + 0.5
        let labels = [NumberFormat.value(maxY), NumberFormat.value((maxY + minY) / 2), NumberFormat.value(minY)]
        let labelWidth = labels.map(\.count).max() ?? 0
        let plot = Rect(x: rect.x + labelWidth + 1, y: rect.y + 1, width: rect.width - labelWidth - 1, height: plotRows)
        drawAxes(labels: labels, labelWidth: labelWidth, plot: plot, minX: minX, maxX: maxX, xLabel: xLabel, clip: rect, glyphs: glyphs, on: &canvas)
        let grid = DotGrid.plot(series, in: plot, minX: minX, maxX: maxX, minY: minY, maxY: maxY, glyphs: glyphs)
        grid.draw(in: plot, glyphs: glyphs, on: &canvas)
    }

    private static func drawLegend(_ series: [ChartSeries], row: Int, from x: Int, in rect: Rect, glyphs: GlyphMode, on canvas: inout TextCanvas) {
        var column = rect.maxX - series.reduce(0) { $0 + $1.name.count + 3 } + 1
        column = max(column, x)
        for item in series {
            let marker = glyphs.isUnicode ? "■" : String(item.asciiGlyph)
            column = canvas.write(marker, x: column, y: row, role: item.role, clip: rect)
            column = canvas.write(" " + item.name + " ", x: column, y: row, role: .text, clip: rect)
        }
    }

    private static func drawAxes(
        labels: [String], labelWidth: Int, plot: Rect, minX: Double, maxX: Double, xLabel: String, clip: Rect,
        glyphs: GlyphMode, on canvas: inout TextCanvas
    ) {
        let vertical: Character = glyphs.isUnicode ? "│" : "|"
        let horizontal: Character = glyphs.isUnicode ? "─" : "-"
        let corner: Character = glyphs.isUnicode ? "└" : "+"
        let labelRows = [plot.y, plot.y + (plot.height - 1) / 2, plot.maxY - 1]
        for (label, row) in zip(labels, labelRows) {
            canvas.write(label.padding(toLength: labelWidth), x: plot.x - labelWidth - 1, y: row, role: .axis, clip: clip)
        }
        for row in plot.y..<plot.maxY { canvas.put(Cell(glyph: vertical, role: .axis), x: plot.x - 1, y: row, clip: clip) }
        canvas.put(Cell(glyph: corner, role: .axis), x: plot.x - 1, y: plot.maxY, clip: clip)
        for column in plot.x..<plot.maxX { canvas.put(Cell(glyph: horizontal, role: .axis), x: column, y: plot.maxY, clip: clip) }
        let left = NumberFormat.value(minX)
        let right = NumberFormat.value(maxX)
        let row = plot.maxY + 1
        canvas.write(left, x: plot.x, y: row, role: .axis, clip: clip)
        canvas.writeCentred(xLabel, in: Rect(x: plot.x, y: row, width: plot.width, height: 1), y: row, role: .axis)
        canvas.writeRight(right, in: Rect(x: plot.x, y: row, width: plot.width, height: 1), y: row, role: .axis)
    }
}

extension String {
    /// The string right-aligned in `length` columns (unchanged when longer).
    func padding(toLength length: Int) -> String {
        count >= length ? self : String(repeating: " ", count: length - count) + self
    }
}
