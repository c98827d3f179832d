// CodeHeatmapPanel: the code layer's activations (units × probe samples) and sparsity figures.

/// A heatmap of probe codes with mean activation, share near zero and dead units underneath.
public struct CodeHeatmapPanel: Panel {
    public init() {}

    public func render(_ state: AppState, in rect: Rect, on canvas: inout TextCanvas) {
        let units = state.selected?.probeCodes.first?.count ?? 0
        let inner = canvas.box(rect, title: "code h: \(units) units \(state.glyphMode.times) samples", glyphs: state.glyphMode)
        guard !inner.isEmpty else { return }
        guard let snapshot = state.selected, units > 0 else {
            canvas.writeCentred("no code activations yet", in: inner, y: inner.y + inner.height / 2, role: .dim)
            return
        }
        let (mapArea, statsArea) = inner.splitBottom(inner.height > 1 ? 1 : 0)
        let group = (units + max(1, mapArea.width) - 1) / max(1, mapArea.width)
        HeatmapWidget.draw(values: snapshot.probeCodes, in: mapArea, glyphs: state.glyphMode, colors: state.colorMode, on: &canvas)
        let stats = snapshot.codeStatistics
        var column = statsArea.x
        let figures: [(String, String)] = [
            ("mean ", NumberFormat.value(Double(stats.meanActivation))),
            ("  near 0 ", NumberFormat.percent(Double(stats.nearZeroShare))),
            ("  dead ", "\(stats.deadUnits)/\(units)"),
        ] + (group > 1 ? [("  ", "\(group) units/col")] : [])
        for (label, value) in figures {
            column = canvas.write(label, x: column, y: statsArea.y, role: .dim, clip: statsArea)
            let role: StyleRole = label.contains("dead") && stats.deadUnits > 0 ? .warning : .text
            column = canvas.write(value, x: column, y: statsArea.y, role: role, clip: statsArea)
        }
    }
}
