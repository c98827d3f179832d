// LatentWalkPanel: decodings along the straight line between two samples' codes, and of the
// first sample with one code unit changed (↑/↓ pick the unit, ←/→ change it, a/b the samples),
// or samples from a VAE's prior (P) in place of the changed unit.
import AutoencoderKit

/// The latent walk (decoded by the session while this view is visible).
public struct LatentWalkPanel: Panel {
    public init() {}

    /// Image scale and interpolation steps that fit a panel `width` columns wide.
    public static func fit(width: Int) -> (scale: Int, steps: Int) {
        let scale = width >= 130 ? 2 : 3
        let image = (28 + scale - 1) / scale + 1
        return (scale, min(12, max(2, (width - 6) / image - 2)))
    }

    public func render(_ state: AppState, in rect: Rect, on canvas: inout TextCanvas) {
        let inner = canvas.box(
            rect, title: "latent walk: a / b pick samples, up/down unit, left/right value", glyphs: state.glyphMode)
        guard !inner.isEmpty else { return }
        guard let walk = state.selected?.walk, let snapshot = state.selected else {
            canvas.writeCentred("decoding the walk", in: inner, y: inner.y + inner.height / 2, role: .dim)
            return
        }
        let rows = snapshot.imageRows
        let columns = snapshot.imageColumns
        let scale = Self.fit(width: inner.width).scale
        let (width, height) = GreyImageWidget.cellSize(rows: rows, columns: columns, scale: scale)
        func image(_ pixels: [UInt8], x: Int, y: Int) {
            GreyImageWidget.draw(
                pixels: pixels, rows: rows, columns: columns, scale: scale, x: x, y: y, clip: inner,
                glyphs: state.glyphMode, colors: state.colorMode, images: state.pixelImages, on: &canvas)
        }
        var y = inner.y
        canvas.write(
            "A #\(walk.sampleA) -> B #\(walk.sampleB): g((1-t) h_A + t h_B), t = 0 ... 1", x: inner.x + 1, y: y,
            role: .dim, clip: inner)
        y += 1
        var x = inner.x + 1
        for pixels in [walk.inputA] + walk.interpolation + [walk.inputB] {
            image(pixels, x: x, y: y)
            x += width + 1
        }
        canvas.write("in A", x: inner.x + 1, y: y + height, role: .dim, clip: inner)
        canvas.write("in B", x: x - width - 1, y: y + height, role: .dim, clip: inner)
        y += height + 2
        if walk.priorRequested {
            drawPrior(walk, state, y: y, in: inner, on: &canvas)
            return
        }
        let value = walk.original + walk.offset
        let line =
            "unit \(walk.unit + 1)/\(walk.code.count): h = \(NumberFormat.value(Double(walk.original))) "
            + (walk.offset >= 0 ? "+ " : "- ")
            + "\(NumberFormat.value(Double(abs(walk.offset)))) = \(NumberFormat.value(Double(value)))"
        canvas.write(line, x: inner.x + 1, y: y, role: .text, clip: inner)
        y += 1
        if !walk.traversal.isEmpty {
            let range =
                "\(NumberFormat.value(Double(walk.traversalLow))) ... \(NumberFormat.value(Double(walk.traversalHigh)))"
            canvas.write(
                "traversal: unit \(walk.unit + 1) = \(range), the rest of h_A held", x: inner.x + 1, y: y, role: .dim,
                clip: inner)
            for (index, pixels) in walk.traversal.enumerated() {
                image(pixels, x: inner.x + 1 + index * (width + 1), y: y + 1)
            }
            y += height + 2
            guard inner.maxY - y >= height + 1 else { return }
        }
        // the changed decoding at full size when there is room for it
        let big = GreyImageWidget.cellSize(rows: rows, columns: columns, scale: 1)
        let fits = inner.maxY - y >= big.height + 1 && inner.width >= 3 * big.width + 20
        let (w, h) = fits ? big : (width, height)
        func large(_ pixels: [UInt8], x: Int) {
            GreyImageWidget.draw(
                pixels: pixels, rows: rows, columns: columns, scale: fits ? 1 : scale, x: x, y: y, clip: inner,
                glyphs: state.glyphMode, colors: state.colorMode, images: state.pixelImages, on: &canvas)
        }
        large(walk.inputA, x: inner.x + 1)
        large(walk.interpolation.first ?? [], x: inner.x + 2 + w)
        large(walk.varied, x: inner.x + 3 + 2 * w)
        canvas.write("input | g(h_A) | changed", x: inner.x + 1, y: y + h, role: .dim, clip: inner)
        let bars = Rect(x: inner.x + 5 + 3 * w, y: y, width: inner.maxX - (inner.x + 5 + 3 * w), height: min(h, 8))
        guard bars.width >= 8 else { return }
        canvas.write("code of A (selected unit highlighted)", x: bars.x, y: bars.y, role: .dim, clip: bars)
        BarsWidget.draw(
            values: walk.code.map { Double(max(0, $0)) }, in: bars.splitTop(1).1, role: .heatHigh,
            glyphs: state.glyphMode,
            highlight: walk.unit, on: &canvas)
    }

    /// A row of samples g(z), z ~ N(0, I), below the interpolation strip.
    private func drawPrior(_ walk: LatentWalk, _ state: AppState, y: Int, in inner: Rect, on canvas: inout TextCanvas) {
        guard !walk.prior.isEmpty, let snapshot = state.selected else {
            canvas.write(
                "no prior to sample: P needs a VAE (stochastic code)", x: inner.x + 1, y: y, role: .dim, clip: inner)
            return
        }
        canvas.write(
            "prior samples g(z), z ~ N(0, I); P: new draw, arrows: the unit again", x: inner.x + 1, y: y, role: .text,
            clip: inner)
        let rows = snapshot.imageRows
        let columns = snapshot.imageColumns
        let scale = Self.fit(width: inner.width).scale
        let width = GreyImageWidget.cellSize(rows: rows, columns: columns, scale: scale).width
        for (index, pixels) in walk.prior.enumerated() {
            GreyImageWidget.draw(
                pixels: pixels, rows: rows, columns: columns, scale: scale, x: inner.x + 1 + index * (width + 1),
                y: y + 1,
                clip: inner, glyphs: state.glyphMode, colors: state.colorMode, images: state.pixelImages, on: &canvas)
        }
    }
}
