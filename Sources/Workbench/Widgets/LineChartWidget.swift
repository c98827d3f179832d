// LineChartWidget: one or more series as lines in braille, half blocks or ASCII, with axes.
import AutoencoderKit
import Foundation

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

/// A horizontal reference line: a loss value to compare the curves with.
public struct ChartReference: Equatable, Sendable {
    public var name: String
    public var value: Double
    public init(name: String, value: Double) {
        self.name = name
        self.value = value
    }
}

/// How a chart is drawn: linear or log10 y axis, the part of the x range shown, reference lines.
public struct ChartOptions: Equatable, Sendable {
    public var logScale: Bool
    /// Show the last 1/2^zoom of the x range (0: all of it).
    public var zoom: Int
    public var references: [ChartReference]
    public init(logScale: Bool = false, zoom: Int = 0, references: [ChartReference] = []) {
        self.logScale = logScale
        self.zoom = zoom
        self.references = references
    }

    /// The first x shown when the data spans `first`...`last`.
    func windowStart(first: Double, last: Double) -> Double {
        guard zoom > 0, last > first else { return first }
        return last - (last - first) / Double(1 << min(zoom, 30))
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
    ///   - options: Log scale, time window and reference lines.
    public static func draw(
        series: [ChartSeries], unit: String, xLabel: String, in rect: Rect, glyphs: GlyphMode,
        options: ChartOptions = ChartOptions(), on canvas: inout TextCanvas
    ) {
        guard rect.width >= 12, rect.height >= chromeRows + 1 else { return }
        let unitText = options.logScale ? unit + " log" : unit
        canvas.write(unitText, x: rect.x, y: rect.y, role: .axis, clip: rect)
        let legend =
            series.map { LegendItem(name: $0.name, role: $0.role, glyph: $0.asciiGlyph) }
            + options.references.map { LegendItem(name: $0.name, role: .reference, glyph: "=") }
        drawLegend(legend, row: rect.y, from: rect.x + unitText.count + 2, in: rect, glyphs: glyphs, on: &canvas)
        let all = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        let xEnd = all.map(\.x).max() ?? 0
        let xStart = options.windowStart(first: all.map(\.x).min() ?? 0, last: xEnd)
        let transform: (Double) -> Double = options.logScale ? { log10(max($0, 1e-9)) } : { $0 }
        let shown = series.map { item in
            ChartSeries(
                name: item.name, role: item.role, asciiGlyph: item.asciiGlyph,
                points: item.points.filter {
                    $0.x >= xStart && $0.x.isFinite && $0.y.isFinite && (!options.logScale || $0.y > 0)
                }
                .map { SeriesPoint(x: $0.x, y: transform($0.y)) })
        }
        let references = options.references.filter { $0.value.isFinite && (!options.logScale || $0.value > 0) }
        let points = shown.flatMap(\.points)
        let plotRows = rect.height - chromeRows
        let ys = points.map(\.y) + references.map { transform($0.value) }
        guard let minX = points.map(\.x).min(), let maxX0 = points.map(\.x).max(),
            let minY0 = ys.min(), let maxY0 = ys.max()
        else {
            canvas.writeCentred("no data yet", in: rect, y: rect.y + 1 + plotRows / 2, role: .dim)
            return
        }
        let maxX = maxX0 > minX ? maxX0 : minX + 1
        let span = maxY0 - minY0
        // a little room below the lowest point, but not below zero for values that cannot be
        // negative (losses and penalties): an axis reading -0.007 would suggest they can
        let roomBelow = span > 0 ? minY0 - span * 0.02 : minY0 - 0.5
        let minY = !options.logScale && minY0 >= 0 ? max(roomBelow, 0) : roomBelow
        let maxY = span > 0 ? maxY0 + span * 0.02 : maxY0 + 0.5
        let label: (Double) -> String = { NumberFormat.value(options.logScale ? pow(10, $0) : $0) }
        let labels = [label(maxY), label((maxY + minY) / 2), label(minY)]
        let labelWidth = labels.map(\.count).max() ?? 0
        let plot = Rect(x: rect.x + labelWidth + 1, y: rect.y + 1, width: rect.width - labelWidth - 1, height: plotRows)
        drawAxes(
            labels: labels, labelWidth: labelWidth, plot: plot, minX: minX, maxX: maxX, xLabel: xLabel, clip: rect,
            glyphs: glyphs, on: &canvas)
        for reference in references {
            let row =
                plot.y + Int(((maxY - transform(reference.value)) / (maxY - minY) * Double(plot.height - 1)).rounded())
            for column in plot.x..<plot.maxX where column % 2 == 0 {
                canvas.put(Cell(glyph: glyphs.isUnicode ? "┄" : "=", role: .reference), x: column, y: row, clip: plot)
            }
        }
        let grid = DotGrid.plot(shown, in: plot, minX: minX, maxX: maxX, minY: minY, maxY: maxY, glyphs: glyphs)
        grid.draw(in: plot, glyphs: glyphs, on: &canvas)
    }

    private struct LegendItem {
        var name: String
        var role: StyleRole
        var glyph: Character
    }

    private static func drawLegend(
        _ series: [LegendItem], row: Int, from x: Int, in rect: Rect, glyphs: GlyphMode, on canvas: inout TextCanvas
    ) {
        var column = rect.maxX - series.reduce(0) { $0 + $1.name.count + 3 } + 1
        column = max(column, x)
        for item in series {
            // cut at the edge only with at least four letters of its name left ("entropy floo"),
            // else left out: never a marker without its name
            guard column + 2 + min(item.name.count, 4) <= rect.maxX else { break }
            let marker = glyphs.isUnicode ? "■" : String(item.glyph)
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
            canvas.write(
                label.padding(toLength: labelWidth), x: plot.x - labelWidth - 1, y: row, role: .axis, clip: clip)
        }
        for row in plot.y..<plot.maxY {
            canvas.put(Cell(glyph: vertical, role: .axis), x: plot.x - 1, y: row, clip: clip)
        }
        canvas.put(Cell(glyph: corner, role: .axis), x: plot.x - 1, y: plot.maxY, clip: clip)
        for column in plot.x..<plot.maxX {
            canvas.put(Cell(glyph: horizontal, role: .axis), x: column, y: plot.maxY, clip: clip)
        }
        // ticks at whole epochs (tenths in the first two), the axis name at the right end
        let row = plot.maxY + 1
        let reserved = xLabel.count + 1
        for tick in AxisTicks.ticks(minX: minX, maxX: maxX, x: plot.x, width: plot.width, reserved: reserved) {
            canvas.write(tick.label, x: tick.column, y: row, role: .axis, clip: clip)
        }
        canvas.writeRight(xLabel, in: Rect(x: plot.x, y: row, width: plot.width, height: 1), y: row, role: .axis)
    }
}

extension String {
    /// The string right-aligned in `length` columns (unchanged when longer).
    func padding(toLength length: Int) -> String {
        count >= length ? self : String(repeating: " ", count: length - count) + self
    }
}
