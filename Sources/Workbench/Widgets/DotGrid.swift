// DotGrid: a plot raster of sub-cell dots (braille 2×4, half block 1×2, ASCII 1×1) per cell.
import AutoencoderKit

/// Dots set per cell plus the role and ASCII glyph of the last series that touched the cell.
struct DotGrid {
    let columns: Int
    let rows: Int
    let dotsWide: Int
    let dotsHigh: Int
    private var bits: [UInt8]
    private var roles: [StyleRole?]
    private var asciiGlyphs: [Character]

    init(columns: Int, rows: Int, glyphs: GlyphMode) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        switch glyphs {
        case .braille: (dotsWide, dotsHigh) = (2, 4)
        case .block: (dotsWide, dotsHigh) = (1, 2)
        case .ascii: (dotsWide, dotsHigh) = (1, 1)
        }
        bits = Array(repeating: 0, count: self.columns * self.rows)
        roles = Array(repeating: nil, count: self.columns * self.rows)
        asciiGlyphs = Array(repeating: " ", count: self.columns * self.rows)
    }

    /// Rasterizes every series into a grid for `plot`, mapping data ranges to dots.
    static func plot(
        _ series: [ChartSeries], in plot: Rect, minX: Double, maxX: Double, minY: Double, maxY: Double,
        glyphs: GlyphMode
    ) -> DotGrid {
        var grid = DotGrid(columns: plot.width, rows: plot.height, glyphs: glyphs)
        let width = Double(grid.columns * grid.dotsWide - 1)
        let height = Double(grid.rows * grid.dotsHigh - 1)
        for item in series {
            let dots = item.points.filter { $0.x.isFinite && $0.y.isFinite }.map { point in
                (
                    Int(((point.x - minX) / (maxX - minX) * width).rounded()),
                    Int(((maxY - point.y) / (maxY - minY) * height).rounded())
                )
            }
            guard var previous = dots.first else { continue }
            grid.set(previous.0, previous.1, item)
            for dot in dots.dropFirst() {
                grid.line(from: previous, to: dot, item)
                previous = dot
            }
        }
        return grid
    }

    mutating func set(_ x: Int, _ y: Int, _ series: ChartSeries) {
        guard x >= 0, y >= 0, x < columns * dotsWide, y < rows * dotsHigh else { return }
        let index = (y / dotsHigh) * columns + x / dotsWide
        bits[index] |= Self.bit(x % dotsWide, y % dotsHigh, dotsWide: dotsWide)
        roles[index] = series.role
        asciiGlyphs[index] = series.asciiGlyph
    }

    /// Sets the dots on the straight line between two dots (both ends included).
    mutating func line(from a: (Int, Int), to b: (Int, Int), _ series: ChartSeries) {
        let steps = max(abs(b.0 - a.0), abs(b.1 - a.1))
        guard steps > 0 else { return set(a.0, a.1, series) }
        for i in 0...steps {
            let t = Double(i) / Double(steps)
            set(
                a.0 + Int((Double(b.0 - a.0) * t).rounded()),
                a.1 + Int((Double(b.1 - a.1) * t).rounded()), series)
        }
    }

    /// Writes the grid's non-empty cells into `plot` on the canvas.
    func draw(in plot: Rect, glyphs: GlyphMode, on canvas: inout TextCanvas) {
        for row in 0..<rows {
            for column in 0..<columns {
                let index = row * columns + column
                guard bits[index] != 0, let role = roles[index] else { continue }
                canvas.put(
                    Cell(glyph: glyph(bits[index], ascii: asciiGlyphs[index], mode: glyphs), role: role),
                    x: plot.x + column, y: plot.y + row, clip: plot)
            }
        }
    }

    private func glyph(_ value: UInt8, ascii: Character, mode: GlyphMode) -> Character {
        switch mode {
        case .braille: Character(Unicode.Scalar(0x2800 + UInt32(value)) ?? " ")
        case .block: value == 3 ? "█" : (value == 1 ? "▀" : "▄")
        case .ascii: ascii
        }
    }

    /// The bit of dot (column, row) in a cell: braille numbering (dots 1-8), or top/bottom.
    private static func bit(_ column: Int, _ row: Int, dotsWide: Int) -> UInt8 {
        guard dotsWide == 2 else { return UInt8(1 << row) }
        let brailleBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
        return brailleBits[column][row]
    }
}
