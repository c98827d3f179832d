// ScatterPanel: validation codes in two dimensions, coloured by label: the code itself for a
// 2-unit code, else its first two principal components.

/// The code scatter (computed by the session only while the code view is visible).
public struct ScatterPanel: Panel {
    public init() {}

    public func render(_ state: AppState, in rect: Rect, on canvas: inout TextCanvas) {
        let scatter = state.selected?.scatter
        let axes = scatter.map { "\($0.xName) \(state.glyphMode.times) \($0.yName)" } ?? "2-D"
        let inner = canvas.box(rect, title: "validation codes \(axes)", glyphs: state.glyphMode)
        guard !inner.isEmpty else { return }
        guard let scatter, !scatter.points.isEmpty else {
            let units = state.selected?.probeCodes.first?.count ?? 0
            let text = units == 1 ? "a 1-unit code has no 2-D scatter" : "computing the scatter"
            canvas.writeCentred(text, in: inner, y: inner.y + inner.height / 2, role: .dim)
            return
        }
        let (plot, legend) = inner.splitBottom(scatter.labels == nil ? 0 : 1)
        ScatterWidget.draw(points: scatter.points, labels: scatter.labels, in: plot, glyphs: state.glyphMode, colors: state.colorMode, on: &canvas)
        guard !legend.isEmpty else { return }
        var column = canvas.write("label ", x: legend.x, y: legend.y, role: .dim, clip: legend)
        for digit in 0..<10 {
            let color: CellColor? = state.colorMode == .none ? nil : .heat(4 + digit * (CellColor.heatSteps - 5) / 9)
            canvas.put(Cell(glyph: Character(String(digit)), role: .heatHigh, foreground: color), x: column, y: legend.y, clip: legend)
            column += 2
        }
        canvas.write("\(scatter.points.count) samples", x: column, y: legend.y, role: .dim, clip: legend)
    }
}
