// HelpOverlay: a centred box listing every key of the keymap.

/// The help box, drawn over the other panels. It lists `Keymap.bindings`, so it cannot drift
/// from the keys that work.
public struct HelpOverlay: Panel {
    public var keymap: Keymap
    public init(keymap: Keymap = .standard) { self.keymap = keymap }

    public func render(_ state: AppState, in rect: Rect, on canvas: inout TextCanvas) {
        let keyWidth = keymap.bindings.map(\.keysLabel.count).max() ?? 0
        let lines = keymap.bindings.map { ($0.keysLabel.padding(toLength: keyWidth), $0.summary) }
        let footer = "? or esc closes"
        let contentWidth = max(lines.map { $0.0.count + 2 + $0.1.count }.max() ?? 0, footer.count)
        let box = rect.centred(width: contentWidth + 4, height: lines.count + 4)
        canvas.fill(box)
        let inner = canvas.box(box, title: "keys", glyphs: state.glyphMode)
        guard !inner.isEmpty else { return }
        let text = inner.inset(by: 0)
        for (row, (keys, summary)) in lines.enumerated() {
            let y = text.y + row
            let column = canvas.write(" " + keys, x: text.x, y: y, role: .helpKey, clip: text)
            canvas.write("  " + summary, x: column, y: y, role: .help, clip: text)
        }
        canvas.writeRight(footer + " ", in: text, y: text.maxY - 1, role: .dim)
    }
}
