// SettingsPanel: the run's settings as label/value lines.

/// The selected run's settings, labels dimmed and aligned; a last line says how many are hidden.
public struct SettingsPanel: Panel {
    public init() {}

    public func render(_ state: AppState, in rect: Rect, on canvas: inout TextCanvas) {
        let title = state.selected.map { "settings \(state.glyphMode.separator) \($0.titleName)" } ?? "settings"
        let inner = canvas.box(rect, title: title, glyphs: state.glyphMode)
        guard !inner.isEmpty, let settings = state.selected?.settings, !settings.isEmpty else { return }
        let labelWidth = min(settings.map(\.0.count).max() ?? 0, max(4, inner.width / 2))
        let shown = settings.count <= inner.height ? settings.count : max(0, inner.height - 1)
        for (row, (label, value)) in settings.prefix(shown).enumerated() {
            let padded =
                label.count < labelWidth
                ? label + String(repeating: " ", count: labelWidth - label.count) : String(label.prefix(labelWidth))
            let column = canvas.write(padded + " ", x: inner.x, y: inner.y + row, role: .dim, clip: inner)
            canvas.write(value, x: column, y: inner.y + row, role: .text, clip: inner)
        }
        if shown < settings.count {
            canvas.write(
                "+\(settings.count - shown) more (tab: loss view)", x: inner.x, y: inner.y + shown, role: .dim,
                clip: inner)
        }
    }
}
