// TextCanvas+Box: framed boxes with a title, in Unicode line drawing or ASCII.

extension TextCanvas {
    /// Draws a frame around `rect` with an optional title in its top edge, and returns the
    /// inner rectangle. Boxes smaller than 2×2 draw nothing and return an empty rectangle.
    @discardableResult
    public mutating func box(
        _ rect: Rect, title: String = "", glyphs: GlyphMode, role: StyleRole = .border, titleRole: StyleRole = .title
    ) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let unicode = glyphs.isUnicode
        let horizontal: Character = unicode ? "─" : "-"
        let vertical: Character = unicode ? "│" : "|"
        let corners: [Character] = unicode ? ["┌", "┐", "└", "┘"] : ["+", "+", "+", "+"]
        for column in rect.x + 1..<rect.maxX - 1 {
            self[column, rect.y] = Cell(glyph: horizontal, role: role)
            self[column, rect.maxY - 1] = Cell(glyph: horizontal, role: role)
        }
        for row in rect.y + 1..<rect.maxY - 1 {
            self[rect.x, row] = Cell(glyph: vertical, role: role)
            self[rect.maxX - 1, row] = Cell(glyph: vertical, role: role)
        }
        self[rect.x, rect.y] = Cell(glyph: corners[0], role: role)
        self[rect.maxX - 1, rect.y] = Cell(glyph: corners[1], role: role)
        self[rect.x, rect.maxY - 1] = Cell(glyph: corners[2], role: role)
        self[rect.maxX - 1, rect.maxY - 1] = Cell(glyph: corners[3], role: role)
        if !title.isEmpty, rect.width > 4 {
            let titleClip = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1)
            write(" " + title + " ", x: rect.x + 1, y: rect.y, role: titleRole, clip: titleClip)
        }
        return rect.inset(by: 1)
    }
}
