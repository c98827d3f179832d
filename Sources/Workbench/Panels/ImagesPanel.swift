// ImagesPanel: input | reconstruction pairs of the probe samples, as many as fit.

/// Probe images beside their reconstructions. Chooses full size when that shows every probe
/// or at least four pairs, else half size (2×2 pixels averaged), whichever shows more.
public struct ImagesPanel: Panel {
    /// Columns between the two images of a pair, and between pairs.
    static let pairGap = 1
    static let gridGap = 3

    public init() {}

    public func render(_ state: AppState, in rect: Rect, on canvas: inout TextCanvas) {
        let inner = canvas.box(rect, title: "probes: input | reconstruction", glyphs: state.glyphMode)
        guard !inner.isEmpty else { return }
        guard let snapshot = state.selected, !snapshot.probeInputs.isEmpty else {
            canvas.writeCentred("no probe images yet", in: inner, y: inner.y + inner.height / 2, role: .dim)
            return
        }
        let probes = min(snapshot.probeInputs.count, snapshot.probeReconstructions.count)
        let layout = Self.arrangement(
            probes: probes, rows: snapshot.imageRows, columns: snapshot.imageColumns, in: inner)
        guard layout.count > 0 else {
            canvas.writeCentred("too narrow for images", in: inner, y: inner.y, role: .dim)
            return
        }
        let (width, height) = GreyImageWidget.cellSize(rows: snapshot.imageRows, columns: snapshot.imageColumns, scale: layout.scale)
        let pairWidth = 2 * width + Self.pairGap
        let gridWidth = layout.columns * pairWidth + (layout.columns - 1) * Self.gridGap
        let left = inner.x + (inner.width - gridWidth) / 2
        for index in 0..<layout.count {
            let x = left + (index % layout.columns) * (pairWidth + Self.gridGap)
            let y = inner.y + (index / layout.columns) * (height + 1)
            for (offset, image) in [snapshot.probeInputs[index], snapshot.probeReconstructions[index]].enumerated() {
                GreyImageWidget.draw(
                    pixels: image, rows: snapshot.imageRows, columns: snapshot.imageColumns, scale: layout.scale,
                    x: x + offset * (width + Self.pairGap), y: y, clip: inner, glyphs: state.glyphMode,
                    colors: state.colorMode, on: &canvas)
            }
        }
    }

    /// How many pairs to show, at which scale, in how many columns.
    static func arrangement(probes: Int, rows: Int, columns: Int, in inner: Rect) -> (scale: Int, columns: Int, count: Int) {
        func fit(_ scale: Int) -> (scale: Int, columns: Int, count: Int) {
            let (width, height) = GreyImageWidget.cellSize(rows: rows, columns: columns, scale: scale)
            let pairWidth = 2 * width + pairGap
            let across = (inner.width + gridGap) / (pairWidth + gridGap)
            let down = (inner.height + 1) / (height + 1)
            return (scale, max(0, across), min(probes, max(0, across) * max(0, down)))
        }
        let full = fit(1)
        let half = fit(2)
        if full.count > 0, full.count >= min(probes, 4) || full.count >= half.count { return full }
        return half
    }
}
