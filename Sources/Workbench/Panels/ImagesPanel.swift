// ImagesPanel: input | reconstruction pairs of the probe samples, as many as fit, with each
// sample's error underneath; clean | corrupted | reconstructed triples for denoising runs.

/// Probe images beside their reconstructions. Chooses full size when that shows every probe
/// or at least four groups, else half size (2×2 pixels averaged), whichever shows more.
/// `←`/`→` page through the validation set; `{`/`}` show a kept epoch instead.
public struct ImagesPanel: Panel {
    /// Columns between the images of a group, and between groups.
    static let pairGap = 1
    static let gridGap = 3

    public init() {}

    public func render(_ state: AppState, in rect: Rect, on canvas: inout TextCanvas) {
        guard let snapshot = state.selected, !snapshot.probeInputs.isEmpty else {
            let inner = canvas.box(rect, title: "probes: input | reconstruction", glyphs: state.glyphMode)
            canvas.writeCentred("no probe images yet", in: inner, y: inner.y + inner.height / 2, role: .dim)
            return
        }
        let data = state.probes(of: snapshot)
        let denoising = data.corrupted != nil
        let what = denoising ? "clean | corrupted | reconstructed" : "input | reconstruction"
        let place = data.epochLabel ?? "#\(data.start)+"
        let inner = canvas.box(rect, title: "probes \(place): \(what)", glyphs: state.glyphMode)
        guard !inner.isEmpty else { return }
        let groups: [[[UInt8]]] = (0..<min(data.inputs.count, data.reconstructions.count)).map { index in
            if let corrupted = data.corrupted, index < corrupted.count {
                return [data.inputs[index], corrupted[index], data.reconstructions[index]]
            }
            return [data.inputs[index], data.reconstructions[index]]
        }
        let captions = data.errors.map { NumberFormat.value($0) }
        Self.drawGroups(
            groups, captions: captions, rows: snapshot.imageRows, columns: snapshot.imageColumns, in: inner,
            state: state, on: &canvas)
    }

    /// Draws groups of images side by side in a centred grid, a caption under each group.
    static func drawGroups(
        _ groups: [[[UInt8]]], captions: [String], rows: Int, columns: Int, in inner: Rect, state: AppState,
        maxScale: Int = 2, preferMore: Bool = false, gap: Int = gridGap, on canvas: inout TextCanvas
    ) {
        let perGroup = groups.first?.count ?? 2
        let layout = arrangement(
            probes: groups.count, rows: rows, columns: columns, in: inner, perGroup: perGroup, maxScale: maxScale,
            preferMore: preferMore, gap: gap)
        guard layout.count > 0 else {
            canvas.writeCentred("too narrow for images", in: inner, y: inner.y, role: .dim)
            return
        }
        let (width, height) = GreyImageWidget.cellSize(rows: rows, columns: columns, scale: layout.scale)
        let groupWidth = perGroup * width + (perGroup - 1) * pairGap
        let gridWidth = layout.columns * groupWidth + (layout.columns - 1) * gap
        let left = inner.x + (inner.width - gridWidth) / 2
        for index in 0..<layout.count {
            let x = left + (index % layout.columns) * (groupWidth + gap)
            let y = inner.y + (index / layout.columns) * (height + 1)
            for (offset, image) in groups[index].enumerated() {
                GreyImageWidget.draw(
                    pixels: image, rows: rows, columns: columns, scale: layout.scale,
                    x: x + offset * (width + pairGap), y: y, clip: inner, glyphs: state.glyphMode,
                    colors: state.colorMode, images: state.pixelImages, on: &canvas)
            }
            if index < captions.count {
                let line = Rect(x: x, y: y + height, width: groupWidth, height: 1).intersection(inner)
                canvas.writeCentred(captions[index], in: line, y: y + height, role: .dim)
            }
        }
    }

    /// How many groups to show, at which scale, in how many columns: full size when it shows
    /// every group or at least four, else the scale up to `maxScale` that shows the most
    /// (`preferMore`: always the scale that shows the most, the larger on ties).
    static func arrangement(
        probes: Int, rows: Int, columns: Int, in inner: Rect, perGroup: Int = 2, maxScale: Int = 2,
        preferMore: Bool = false,
        gap: Int = gridGap
    ) -> (scale: Int, columns: Int, count: Int) {
        func fit(_ scale: Int) -> (scale: Int, columns: Int, count: Int) {
            let (width, height) = GreyImageWidget.cellSize(rows: rows, columns: columns, scale: scale)
            let groupWidth = perGroup * width + (perGroup - 1) * pairGap
            let across = (inner.width + gap) / (groupWidth + gap)
            let down = (inner.height + 1) / (height + 1)
            return (scale, max(0, across), min(probes, max(0, across) * max(0, down)))
        }
        let full = fit(1)
        if !preferMore, full.count > 0, full.count >= min(probes, 4) { return full }
        var best = full
        for scale in 2...max(2, maxScale) {
            let candidate = fit(scale)
            if candidate.count > best.count { best = candidate }
            if !preferMore, best.count >= min(probes, 4) { break }
        }
        return best
    }
}
