// ScatterPanel: validation codes in two dimensions, coloured by label: the code itself for a
// 2-unit code, else its first two principal components; a cursor (arrows) on the plane with
// the decoder's image of its point beside the plot.
import AutoencoderKit

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
        let (area, legend) = inner.splitBottom(scatter.labels == nil ? 0 : 1)
        let plot = drawCursorImage(scatter, state, in: area, on: &canvas)
        ScatterWidget.draw(
            points: scatter.points, labels: scatter.labels, in: plot, glyphs: state.glyphMode, colors: state.colorMode,
            on: &canvas)
        drawCursor(scatter, state, in: plot, on: &canvas)
        guard !legend.isEmpty else { return }
        var column = canvas.write("label ", x: legend.x, y: legend.y, role: .dim, clip: legend)
        for digit in 0..<10 {
            let color: CellColor? = state.colorMode == .none ? nil : .heat(4 + digit * (CellColor.heatSteps - 5) / 9)
            canvas.put(
                Cell(glyph: Character(String(digit)), role: .heatHigh, foreground: color), x: column, y: legend.y,
                clip: legend)
            column += 2
        }
        canvas.write("\(scatter.points.count) samples", x: column, y: legend.y, role: .dim, clip: legend)
    }

    /// The decoding of the cursor's point at the right of `area`, at the largest scale that
    /// fits in half its width. - Returns: What is left for the plot.
    private func drawCursorImage(_ scatter: CodeScatter, _ state: AppState, in area: Rect, on canvas: inout TextCanvas)
        -> Rect
    {
        guard let pixels = scatter.cursorImage, let snapshot = state.selected else { return area }
        let rows = snapshot.imageRows
        let columns = snapshot.imageColumns
        guard
            let scale = (1...4).first(where: { scale in
                let size = GreyImageWidget.cellSize(rows: rows, columns: columns, scale: scale)
                return size.height + 2 <= area.height && size.width + 1 <= area.width / 2
            })
        else { return area }
        let size = GreyImageWidget.cellSize(rows: rows, columns: columns, scale: scale)
        let (plot, side) = area.splitLeft(area.width - size.width - 1)
        let x = side.x + 1
        canvas.write("g(cursor)", x: x, y: side.y, role: .dim, clip: side)
        GreyImageWidget.draw(
            pixels: pixels, rows: rows, columns: columns, scale: scale, x: x, y: side.y + 1, clip: side,
            glyphs: state.glyphMode, colors: state.colorMode, images: state.pixelImages, on: &canvas)
        if let point = scatter.cursor {
            let text = "\(NumberFormat.value(point.x)),\(NumberFormat.value(point.y))"
            canvas.write(text, x: x, y: side.y + 1 + size.height, role: .dim, clip: side)
        }
        return plot
    }

    /// A cross at the cursor's place in the plot (its fraction of the points' bounding box).
    private func drawCursor(_ scatter: CodeScatter, _ state: AppState, in plot: Rect, on canvas: inout TextCanvas) {
        guard scatter.cursor != nil, !plot.isEmpty else { return }
        let f = state.options.cursor.fraction
        let x = plot.x + Int((f.x * Double(plot.width - 1)).rounded())
        let y = plot.y + Int(((1 - f.y) * Double(plot.height - 1)).rounded())
        canvas.put(Cell(glyph: "+", role: .selection), x: x, y: y, clip: plot)
    }
}
