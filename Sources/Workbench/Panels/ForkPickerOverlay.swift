// ForkPickerOverlay: the small box `B` opens over the screen: what a fork of the selected run
// can change, one digit each (the keys' `1`-`7`); any other key cancels (AppState+Apply).
import AutoencoderKit

/// The fork picker, drawn over the other panels while `state.prompt == .fork`.
public struct ForkPickerOverlay: Panel {
    public init() {}

    /// The picker's lines, in `ForkChange.allCases` order.
    static func lines(glyphs: GlyphMode) -> [String] {
        let x = glyphs.times
        return ForkChange.allCases.enumerated().map { k, change in
            let what: String
            switch change {
            case .learningRateUp: what = "learning rate \(x)2"
            case .learningRateDown: what = "learning rate \(x)0.5"
            case .penaltyUp: what = "penalty strength \(x)2"
            case .penaltyDown: what = "penalty strength \(x)0.5"
            case .corruptionUp: what = "corruption level \(x)2"
            case .corruptionDown: what = "corruption level \(x)0.5"
            case .same: what = "no change (a twin)"
            }
            return " \(k + 1)  \(what)"
        }
    }

    public func render(_ state: AppState, in rect: Rect, on canvas: inout TextCanvas) {
        let lines = Self.lines(glyphs: state.glyphMode)
        let footer = " other key cancels"
        let at = state.selected.map { "fork at e\($0.epoch) s\($0.step)" } ?? "fork"
        let width = max(lines.map(\.count).max() ?? 0, footer.count, at.count + 4) + 3
        let box = rect.centred(width: width, height: lines.count + 4)
        canvas.fill(box)
        let inner = canvas.box(box, title: at, glyphs: state.glyphMode)
        guard !inner.isEmpty else { return }
        for (k, line) in lines.enumerated() where inner.y + k < inner.maxY {
            canvas.write(String(line.prefix(2)), x: inner.x, y: inner.y + k, role: .helpKey, clip: inner)
            canvas.write(String(line.dropFirst(2)), x: inner.x + 2, y: inner.y + k, role: .help, clip: inner)
        }
        canvas.write(footer, x: inner.x, y: inner.maxY - 1, role: .dim, clip: inner)
    }
}
