// HelpOverlay: a centred box listing every key of the keymap, in two columns when one is too
// tall for the screen, and below them the shown run's speed against its matrix products
// (Roofline: the BLAS, its threads, the products' GFLOP/s against the peak, the time outside).

/// The help box, drawn over the other panels. It lists `Keymap.bindings`, so it cannot drift
/// from the keys that work.
public struct HelpOverlay: Panel {
    public var keymap: Keymap
    public init(keymap: Keymap = .standard) { self.keymap = keymap }

    /// Columns between the two help columns.
    static let columnGap = 2

    public func render(_ state: AppState, in rect: Rect, on canvas: inout TextCanvas) {
        let keyWidth = keymap.bindings.map(\.keysLabel.count).max() ?? 0
        let lines = keymap.bindings.map { ($0.keysLabel.padding(toLength: keyWidth), $0.summary) }
        let footer = "? or esc closes"
        let lineWidth = 1 + (lines.map { $0.0.count + 2 + $0.1.count }.max() ?? 0)
        let columns = lines.count + 4 <= rect.height ? 1 : 2
        let rows = (lines.count + columns - 1) / columns
        let speed = Self.speedLines(state.selected)
        let speedWidth = max(speed.0.count, speed.1.count + 2 + footer.count) + 1
        let contentWidth = min(
            max(columns * lineWidth + (columns - 1) * Self.columnGap, footer.count, speedWidth), max(rect.width - 3, 0))
        let box = rect.centred(width: contentWidth + 3, height: rows + 4)
        canvas.fill(box)
        let inner = canvas.box(box, title: "keys", glyphs: state.glyphMode)
        guard !inner.isEmpty else { return }
        for (index, (keys, summary)) in lines.enumerated() {
            let x = inner.x + (index / rows) * (lineWidth + Self.columnGap)
            let y = inner.y + index % rows
            let column = canvas.write(" " + keys, x: x, y: y, role: .helpKey, clip: inner)
            canvas.write("  " + summary, x: column, y: y, role: .help, clip: inner)
        }
        canvas.write(" " + speed.0, x: inner.x, y: inner.maxY - 2, role: .dim, clip: inner)
        canvas.write(" " + speed.1, x: inner.x, y: inner.maxY - 1, role: .dim, clip: inner)
        canvas.writeRight(footer + " ", in: inner, y: inner.maxY - 1, role: .dim)
    }

    /// The two speed lines: products against peak, and the share of time outside products.
    static func speedLines(_ run: TrainingSnapshot?) -> (String, String) {
        guard let roofline = run?.roofline else { return ("speed: measuring the products and the BLAS peak", "") }
        return (roofline.productsLine, roofline.outsideLine(samplesPerSecond: run?.samplesPerSecond ?? 0))
    }
}
