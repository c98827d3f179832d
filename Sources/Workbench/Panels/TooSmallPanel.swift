// TooSmallPanel: the only thing drawn when the terminal is below the minimum size.

/// "terminal too small: W x H, needs 80 x 24", centred and clipped; safe down to 0×0.
public struct TooSmallPanel: Panel {
    public init() {}

    public func render(_ state: AppState, in rect: Rect, on canvas: inout TextCanvas) {
        guard !rect.isEmpty else { return }
        let minimum = TerminalSize.minimum
        let text =
            "terminal too small: \(state.size.columns) x \(state.size.rows), needs \(minimum.columns) x \(minimum.rows)"
        let lines = LossChartPanel.wrap(text, width: rect.width, maxLines: rect.height)
        let top = rect.y + (rect.height - lines.count) / 2
        for (offset, line) in lines.enumerated() {
            canvas.writeCentred(line, in: rect, y: top + offset, role: .warning)
        }
    }
}
