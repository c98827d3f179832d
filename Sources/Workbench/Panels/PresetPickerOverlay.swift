// PresetPickerOverlay: the box `c` (pair) and `p` (switch) open: every preset keys 1-9 reach,
// by number and name with a line on what it is, so nobody has to leave for the help page.

/// The preset picker, drawn over the other panels while a prompt is open.
public struct PresetPickerOverlay: Panel {
    public init() {}

    /// Presets the keys reach.
    static let keyCount = 9

    public func render(_ state: AppState, in rect: Rect, on canvas: inout TextCanvas) {
        guard let prompt = state.prompt, prompt != .fork else { return }
        let title = prompt == .pair ? "pair with which preset? (same seed, lockstep)" : "switch to which preset?"
        let footer = "1-\(min(Self.keyCount, max(1, state.presetChoices.count))) picks, any other key cancels"
        let choices = Array(state.presetChoices.prefix(Self.keyCount))
        let nameWidth = choices.map(\.name.count).max() ?? 0
        var lines = choices.enumerated().map { index, choice in
            (
                key: "\(index + 1)", name: choice.name + String(repeating: " ", count: nameWidth - choice.name.count),
                summary: choice.summary
            )
        }
        if lines.isEmpty { lines = [(key: " ", name: "no presets are loaded", summary: "")] }
        let widest =
            lines.map { (line) -> Int in
                let used: Int = line.key.count + line.name.count + line.summary.count
                return used + 5
            }.max() ?? 0
        let width = min(rect.width, max(widest, title.count + 2, footer.count + 1) + 3)
        let box = rect.centred(width: width, height: min(rect.height, lines.count + 4))
        canvas.fill(box)
        let inner = canvas.box(box, title: title, glyphs: state.glyphMode)
        guard !inner.isEmpty else { return }
        for (row, line) in lines.prefix(max(0, inner.height - 2)).enumerated() {
            let y = inner.y + row
            var x = canvas.write(" " + line.key, x: inner.x, y: y, role: .helpKey, clip: inner)
            x = canvas.write("  " + line.name, x: x, y: y, role: .title, clip: inner)
            let room = inner.maxX - x - 2
            canvas.write("  " + Self.cut(line.summary, to: room), x: x, y: y, role: .help, clip: inner)
        }
        canvas.writeRight(footer + " ", in: inner, y: inner.maxY - 1, role: .dim)
    }

    /// `text` cut to `width` characters, ending in "..." when cut.
    static func cut(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        guard width > 3 else { return String(text.prefix(max(0, width))) }
        return String(text.prefix(width - 3)) + "..."
    }
}
