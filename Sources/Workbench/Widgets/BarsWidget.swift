// BarsWidget: values as vertical bars (eighth blocks in Unicode, `#` in ASCII), one column per
// value, or per group of values averaged when they do not fit.

/// Draws non-negative values as bars rising from the bottom of a rectangle.
public enum BarsWidget {
    /// Draws `values` scaled so `maximum` (default: the largest value) fills the height.
    /// - Parameter highlight: index of a value drawn in the selection role.
    public static func draw(
        values: [Double], in rect: Rect, role: StyleRole, glyphs: GlyphMode, maximum: Double? = nil,
        highlight: Int? = nil, on canvas: inout TextCanvas
    ) {
        guard !rect.isEmpty, !values.isEmpty else { return }
        let group = (values.count + rect.width - 1) / rect.width
        let columns = (values.count + group - 1) / group
        let stretch = group == 1 ? max(1, min(3, rect.width / values.count)) : 1
        let averaged = (0..<columns).map { column -> Double in
            let slice = values[(column * group)..<min(values.count, (column + 1) * group)].filter(\.isFinite)
            return slice.isEmpty ? 0 : slice.reduce(0, +) / Double(slice.count)
        }
        let top = maximum ?? (averaged.max() ?? 0)
        guard top > 0 else { return }
        let eighths: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        for (column, value) in averaged.enumerated() {
            let level = Int((max(0, value) / top * Double(rect.height * 8)).rounded())
            let marked = highlight.map { $0 / group == column } ?? false
            let cellRole = marked ? StyleRole.selection : role
            for row in 0..<rect.height {
                let filled = level - row * 8
                guard filled > 0 else { break }
                let glyph: Character = glyphs.isUnicode ? eighths[min(7, filled - 1)] : (filled >= 4 ? "#" : ".")
                for offset in 0..<stretch {
                    canvas.put(
                        Cell(glyph: glyph, role: cellRole), x: rect.x + column * stretch + offset,
                        y: rect.maxY - 1 - row, clip: rect)
                }
            }
        }
    }
}
