// TextCanvas: the grid of cells a frame is rendered into, before any terminal sees it.

/// A width × height grid of cells. Writes outside the grid are ignored, so panels never crash
/// on small screens.
public struct TextCanvas: Equatable, Sendable {
    public let width: Int
    public let height: Int
    private var cells: [Cell]
    /// The pixel images placed in this frame (kitty or sixel), in placement order; the
    /// terminal sends them after drawing the cells (see `ImageFrameWriter`).
    public var images: [PlacedImage] = []

    /// Creates a blank canvas; negative sizes give an empty canvas.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// Creates a blank canvas of a terminal's size.
    public init(size: TerminalSize) {
        self.init(width: size.columns, height: size.rows)
    }

    /// The whole canvas as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (column, row); a blank cell outside the grid.
    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard x >= 0, y >= 0, x < width, y < height else { return .blank }
            return cells[y * width + x]
        }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Sets one cell unless it lies outside `clip` or the grid.
    public mutating func put(_ cell: Cell, x: Int, y: Int, clip: Rect? = nil) {
        if let clip, !clip.contains(x: x, y: y) { return }
        self[x, y] = cell
    }

    /// Fills a rectangle with one cell.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for row in area.y..<area.maxY {
            for column in area.x..<area.maxX { cells[row * width + column] = cell }
        }
    }

    /// Writes text from (x, y) to the right, clipped to `clip` (default: the whole canvas).
    /// - Returns: The column after the last character written (or that would have been).
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, role: StyleRole = .text, clip: Rect? = nil) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        var column = x
        for character in text {
            if area.contains(x: column, y: y) {
                cells[y * width + column] = Cell(glyph: character, role: role)
            }
            column += 1
        }
        return column
    }

    /// Writes text centred horizontally in `rect` on row `y`, clipped to `rect`.
    public mutating func writeCentred(_ text: String, in rect: Rect, y: Int, role: StyleRole = .text) {
        let x = rect.x + max(0, (rect.width - text.count) / 2)
        write(text, x: x, y: y, role: role, clip: rect)
    }

    /// Writes text right-aligned to the right edge of `rect` on row `y`, clipped to `rect`.
    public mutating func writeRight(_ text: String, in rect: Rect, y: Int, role: StyleRole = .text) {
        write(text, x: rect.maxX - text.count, y: y, role: role, clip: rect)
    }
}
