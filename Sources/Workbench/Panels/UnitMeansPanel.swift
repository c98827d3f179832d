// UnitMeansPanel: each code unit's mean activation over the statistics samples, as a bar.

/// Per-unit mean activation bars; dead units show no bar.
public struct UnitMeansPanel: Panel {
    public init() {}

    public func render(_ state: AppState, in rect: Rect, on canvas: inout TextCanvas) {
        let inner = canvas.box(rect, title: "mean activation per unit", glyphs: state.glyphMode)
        guard !inner.isEmpty else { return }
        guard let snapshot = state.selected else { return }
        let stats = state.probes(of: snapshot).statistics
        let means = stats.unitMeans.map { Double($0) }
        guard let top = means.map(abs).max(), top > 0 else {
            canvas.writeCentred("no activations yet", in: inner, y: inner.y + inner.height / 2, role: .dim)
            return
        }
        let (bars, axis) = inner.splitBottom(1)
        BarsWidget.draw(values: means.map(abs), in: bars, role: .heatHigh, glyphs: state.glyphMode, on: &canvas)
        let label = "units 1-\(means.count)  max |mean| \(NumberFormat.value(top))"
        canvas.write(label, x: axis.x, y: axis.y, role: .axis, clip: axis)
    }
}
