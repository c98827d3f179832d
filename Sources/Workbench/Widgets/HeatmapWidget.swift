// HeatmapWidget: code activations as a units × samples grid of heat colours or shade characters.

/// Draws a matrix of activations: one column per code unit (up to four when there is room;
/// groups of units averaged when they do not fit), one sample per half cell in colour (`▀` top/bottom) or one sample per row
/// with the shade ramp. Values are scaled from min(0, smallest) to the largest.
public enum HeatmapWidget {
    /// Rows of samples one cell row holds.
    public static func samplesPerRow(glyphs: GlyphMode, colors: ColorMode) -> Int {
        glyphs.isUnicode && colors != .none ? 2 : 1
    }

    /// Draws `values` (samples × units) into `rect`; returns the rows used.
    @discardableResult
    public static func draw(
        values: [[Float]], in rect: Rect, glyphs: GlyphMode, colors: ColorMode, on canvas: inout TextCanvas
    ) -> Int {
        guard !rect.isEmpty, let units = values.first?.count, units > 0 else { return 0 }
        let group = (units + rect.width - 1) / rect.width
        let columns = (units + group - 1) / group
        let stretch = group == 1 ? min(4, max(1, rect.width / units)) : 1
        let perRow = samplesPerRow(glyphs: glyphs, colors: colors)
        let sampleCount = min(values.count, rect.height * perRow)
        let finite = values.prefix(sampleCount).flatMap { $0 }.filter(\.isFinite)
        let low = min(0, finite.min() ?? 0)
        var high = finite.max() ?? 1
        if high - low < 1e-6 { high = low + 1 }
        func level(_ sample: Int, _ column: Int) -> Double {
            let row = values[sample]
            let slice = row[min(column * group, row.count)..<min((column + 1) * group, row.count)]
            let usable = slice.filter(\.isFinite)
            let mean = usable.isEmpty ? low : usable.reduce(0, +) / Float(usable.count)
            return Double((mean - low) / (high - low))
        }
        func heat(_ t: Double) -> Int { min(CellColor.heatSteps - 1, Int(t * Double(CellColor.heatSteps))) }
        let rowsUsed = (sampleCount + perRow - 1) / perRow
        for row in 0..<rowsUsed {
            for column in 0..<columns {
                let cell: Cell
                if perRow == 2 {
                    let top = row * 2
                    let bottom = top + 1 < sampleCount ? top + 1 : nil
                    cell = Cell(
                        glyph: "▀", role: .heatMid, foreground: .heat(heat(level(top, column))),
                        background: bottom.map { .heat(heat(level($0, column))) })
                } else {
                    let t = level(row, column)
                    let ramp = GlyphMode.shadeRamp
                    let role: StyleRole = t < 1.0 / 3 ? .heatLow : (t < 2.0 / 3 ? .heatMid : .heatHigh)
                    cell = Cell(glyph: ramp[min(ramp.count - 1, Int(t * Double(ramp.count)))], role: role)
                }
                for offset in 0..<stretch {
                    canvas.put(cell, x: rect.x + column * stretch + offset, y: rect.y + row, clip: rect)
                }
            }
        }
        return rowsUsed
    }
}
