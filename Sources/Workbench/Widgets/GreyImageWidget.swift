// GreyImageWidget: draws a grey image in half blocks (two pixels a cell) or the ASCII shade ramp;
// GreyImageWidget+Pixels places it for kitty or sixel instead.

/// Draws 8-bit grey images. In colour with Unicode, each cell is `▀` with the top pixel as
/// foreground and the bottom pixel as background, both on the 24-step grey ramp; otherwise one
/// shade-ramp character stands for two vertically adjacent pixels. Pixels are re-quantized to
/// the 24 ramp steps, so changes smaller than a step leave cells untouched.
public enum GreyImageWidget {
    /// The grey-ramp step (0...23) of an 8-bit pixel.
    public static func greyLevel(_ pixel: UInt8) -> Int {
        Int(pixel) * CellColor.greySteps / 256
    }

    /// Whether images are drawn in half blocks (else with the shade ramp).
    public static func usesHalfBlocks(glyphs: GlyphMode, colors: ColorMode) -> Bool {
        glyphs.isUnicode && colors != .none
    }

    /// Cells an image occupies: columns/scale wide, rows/(2·scale) high (rounded up).
    public static func cellSize(rows: Int, columns: Int, scale: Int) -> (width: Int, height: Int) {
        let s = max(1, scale)
        let pixelRows = (rows + s - 1) / s
        return ((columns + s - 1) / s, (pixelRows + 1) / 2)
    }

    /// Draws `pixels` (row-major, `rows`×`columns`) with its top-left cell at (x, y).
    /// - Parameters:
    ///   - scale: 1 for full size, 2 to average 2×2 pixel blocks (half size), and so on.
    ///   - clip: Cells outside are not touched.
    ///   - images: `.kitty` or `.sixel` place the full-resolution pixels in the same cells
    ///     (see `place`) where the glyphs and colours allow it and the image fits `clip`.
    public static func draw(
        pixels: [UInt8], rows: Int, columns: Int, scale: Int, x: Int, y: Int, clip: Rect,
        glyphs: GlyphMode, colors: ColorMode, images: PixelImages = .blocks, on canvas: inout TextCanvas
    ) {
        guard rows > 0, columns > 0, pixels.count >= rows * columns else { return }
        if placesPixels(images.kind, glyphs: glyphs, colors: colors),
            place(
                images, pixels: pixels, rows: rows, columns: columns,
                cells: cellSize(rows: rows, columns: columns, scale: scale), x: x, y: y, clip: clip, on: &canvas)
        {
            return
        }
        let s = max(1, scale)
        let pixelRows = (rows + s - 1) / s
        let pixelColumns = (columns + s - 1) / s
        func pixel(_ r: Int, _ c: Int) -> Int? {
            guard r < pixelRows else { return nil }
            var sum = 0
            var count = 0
            for dr in 0..<s where r * s + dr < rows {
                for dc in 0..<s where c * s + dc < columns {
                    sum += Int(pixels[(r * s + dr) * columns + c * s + dc])
                    count += 1
                }
            }
            return count == 0 ? 0 : sum / count
        }
        let halfBlocks = usesHalfBlocks(glyphs: glyphs, colors: colors)
        let ramp = GlyphMode.shadeRamp
        for cellRow in 0..<(pixelRows + 1) / 2 {
            for column in 0..<pixelColumns {
                let top = pixel(cellRow * 2, column) ?? 0
                let bottom = pixel(cellRow * 2 + 1, column)
                let cell: Cell
                if halfBlocks {
                    cell = Cell(
                        glyph: "▀", role: .image, foreground: .grey(greyLevel(UInt8(top))),
                        background: bottom.map { .grey(greyLevel(UInt8($0))) })
                } else {
                    let mean = bottom.map { (top + $0) / 2 } ?? top
                    cell = Cell(glyph: ramp[mean * ramp.count / 256], role: .image)
                }
                canvas.put(cell, x: x + column, y: y + cellRow, clip: clip)
            }
        }
    }
}
