// Screen: renders a whole AppState into a fresh canvas (the pure heart of the UI).

/// The full-frame renderer.
public enum Screen {
    /// Draws every panel of the current view, the status line, and the help overlay if shown;
    /// below the minimum size only the "too small" notice.
    public static func render(_ state: AppState, keymap: Keymap = .standard) -> TextCanvas {
        var canvas = TextCanvas(size: state.size)
        guard !Layout.isTooSmall(state.size) else {
            TooSmallPanel().render(state, in: canvas.bounds, on: &canvas)
            return canvas
        }
        let layout = Layout.arrange(state.view, size: state.size)
        let panels: [(Rect, any Panel)] = [
            (layout.loss, LossChartPanel()), (layout.images, ImagesPanel()), (layout.codes, CodeHeatmapPanel()),
            (layout.settings, SettingsPanel()), (layout.status, StatusLinePanel()),
        ]
        for (rect, panel) in panels where !rect.isEmpty {
            panel.render(state, in: rect, on: &canvas)
        }
        if state.helpShown {
            HelpOverlay(keymap: keymap).render(state, in: canvas.bounds.splitBottom(1).0, on: &canvas)
        }
        return canvas
    }
}
