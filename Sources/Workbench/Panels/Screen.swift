// Screen: renders a whole AppState into a fresh canvas (the pure heart of the UI).

/// The full-frame renderer.
public enum Screen {
    /// Draws every panel of the current view, the status line, and the help overlay if shown;
    /// below the minimum size only the "too small" notice. The focused panel's frame is drawn
    /// in the selection style when the view has several panels.
    public static func render(_ state: AppState, keymap: Keymap = .standard) -> TextCanvas {
        var canvas = TextCanvas(size: state.size)
        guard !Layout.isTooSmall(state.size) else {
            TooSmallPanel().render(state, in: canvas.bounds, on: &canvas)
            return canvas
        }
        let layout = Layout.arrange(
            state.view, size: state.size, focus: state.options.focus, expanded: state.options.expanded)
        for (id, rect) in layout.slots where !rect.isEmpty {
            panel(id).render(state, in: rect, on: &canvas)
        }
        if layout.slots.count > 1 {
            let focused = layout.slots[Layout.focusIndex(state.options.focus, count: layout.slots.count)].rect
            canvas.restyleFrame(focused, role: .selection)
        }
        StatusLinePanel().render(state, in: layout.status, on: &canvas)
        if state.prompt == .fork {
            ForkPickerOverlay().render(state, in: canvas.bounds.splitBottom(1).0, on: &canvas)
        }
        if state.helpShown {
            HelpOverlay(keymap: keymap).render(state, in: canvas.bounds.splitBottom(1).0, on: &canvas)
        } else if state.prompt == .pair || state.prompt == .switchPreset {
            PresetPickerOverlay().render(state, in: canvas.bounds.splitBottom(1).0, on: &canvas)
        }
        return canvas
    }

    /// The renderer of each panel kind.
    static func panel(_ id: PanelID) -> any Panel {
        switch id {
        case .loss: LossChartPanel()
        case .images: ImagesPanel()
        case .codes: CodeHeatmapPanel()
        case .settings: SettingsPanel()
        case .unitMeans: UnitMeansPanel()
        case .histogram: HistogramPanel()
        case .scatter: ScatterPanel()
        case .filters: FiltersPanel()
        case .walk: LatentWalkPanel()
        case .compareLoss: CompareLossPanel()
        case .compareTable: CompareTablePanel()
        case .compareImages: CompareImagesPanel()
        case .compareCodes: CompareCodesPanel()
        case .anomaly: AnomalyPanel()
        case .tree: BranchTreePanel()
        }
    }
}

extension TextCanvas {
    /// Gives the frame cells of `rect` (its outer edge, titles excluded) another role.
    mutating func restyleFrame(_ rect: Rect, role: StyleRole) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        for column in rect.x..<rect.maxX {
            for row in [rect.y, rect.maxY - 1] where self[column, row].role == .border {
                self[column, row].role = role
            }
        }
        for row in rect.y..<rect.maxY {
            for column in [rect.x, rect.maxX - 1] where self[column, row].role == .border {
                self[column, row].role = role
            }
        }
    }
}
