// TextCanvas+Dump: the canvas as plain text and as a style-annotated dump, for snapshot tests.

extension TextCanvas {
    /// The glyphs row by row, joined by newlines; trailing spaces of each row are dropped so
    /// snapshot files survive editors.
    public var renderedText: String {
        (0..<height).map { row in
            var line = String((0..<width).map { self[$0, row].glyph })
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// Text plus styles: for each row a `|glyphs|` line, then `r|roles|` with one `StyleRole.code`
    /// per cell, and, when the row has explicit colours, `f|…|` and `b|…|` lines where `0`…`n` are
    /// grey levels 0…23, `A`…`P` heat steps 0…15, `#` a palette index (a kitty image id), and `.`
    /// means none; then one `image` line per placed image (see `PlacedImage.summary`).
    public var styledDump: String {
        var lines: [String] = ["canvas \(width)x\(height)"]
        for row in 0..<height {
            let cells = (0..<width).map { self[$0, row] }
            lines.append(" |" + String(cells.map(\.glyph)) + "|")
            lines.append("r|" + String(cells.map(\.role.code)) + "|")
            if cells.contains(where: { $0.foreground != nil || $0.background != nil }) {
                lines.append("f|" + String(cells.map { Self.colorCode($0.foreground) }) + "|")
                lines.append("b|" + String(cells.map { Self.colorCode($0.background) }) + "|")
            }
        }
        lines += images.map { "image " + $0.summary }
        return lines.joined(separator: "\n")
    }

    private static let greyCodes = Array("0123456789abcdefghijklmn")
    private static let heatCodes = Array("ABCDEFGHIJKLMNOP")

    private static func colorCode(_ color: CellColor?) -> Character {
        switch color {
        case nil: "."
        case .grey(let level): greyCodes[min(max(level, 0), greyCodes.count - 1)]
        case .heat(let level): heatCodes[min(max(level, 0), heatCodes.count - 1)]
        case .palette: "#"
        }
    }
}
