// GreyImageWidget+Pixels: places an image for the kitty or sixel protocol instead of drawing
// half blocks: the same cell rectangle (so layouts do not change), the source pixels enlarged by
// a whole factor, in full 8-bit grey. Kitty cells hold Unicode placeholders (U+10EEEE + row and
// column diacritics) in the image's id colour, which curses and tmux move like any text; sixel
// cells stay blank for the picture drawn over them.

extension GreyImageWidget {
    /// The cell size in pixels assumed when the terminal does not report one (a common 8x16
    /// font).
    public static let nominalCell = CellPixels(width: 8, height: 16)
    /// The largest enlargement sent (a 28x28 image at 4 is 112x112: 37,632 RGB bytes).
    static let maxFactor = 4

    /// The whole factor that enlarges `columns` x `rows` pixels to fill `cells` of `cell`
    /// pixels, between 1 and `maxFactor`.
    public static func pixelFactor(
        rows: Int, columns: Int, cells: (width: Int, height: Int), cell: CellPixels = nominalCell
    ) -> Int {
        let across = cells.width * cell.width / max(1, columns)
        let down = cells.height * cell.height / max(1, rows)
        return min(maxFactor, max(1, min(across, down)))
    }

    /// Whether `images` can place pixels with these glyphs and colours: kitty needs Unicode
    /// (the placeholder character) and 256 colours (the id colour); sixel needs neither.
    public static func placesPixels(_ images: ImageProtocol, glyphs: GlyphMode, colors: ColorMode) -> Bool {
        switch images {
        case .kitty: glyphs.isUnicode && colors == .colors256
        case .sixel: true
        case .blocks: false
        }
    }

    /// Places the image when it fits `clip` whole and an id is free, and for sixel when its
    /// pixels fit the cells at the terminal's cell size (a sixel is drawn pixel for pixel and
    /// would spill over its neighbours).
    /// - Returns: false when the caller must draw cells instead.
    static func place(
        _ images: PixelImages, pixels: [UInt8], rows: Int, columns: Int, cells: (width: Int, height: Int),
        x: Int, y: Int, clip: Rect, on canvas: inout TextCanvas
    ) -> Bool {
        let area = Rect(x: x, y: y, width: cells.width, height: cells.height)
        let marks = KittyDiacritics.rowColumn.count
        guard images.kind != .blocks, cells.width <= marks, cells.height <= marks,
            area.intersection(clip.intersection(canvas.bounds)) == area,
            let id = PlacedImageIDs.next(on: canvas, idSpace: images.idSpace)
        else { return false }
        let cell = images.cellPixels ?? nominalCell
        if images.kind == .sixel, columns > cells.width * cell.width || rows > cells.height * cell.height {
            return false
        }
        let factor = pixelFactor(rows: rows, columns: columns, cells: cells, cell: cell)
        let image = GreyImage(width: columns, height: rows, pixels: Array(pixels.prefix(rows * columns))).scaled(
            by: factor)
        canvas.images.append(
            PlacedImage(kind: images.kind, id: id, x: x, y: y, columns: cells.width, rows: cells.height, image: image))
        for row in 0..<cells.height {
            for column in 0..<cells.width {
                let cell =
                    images.kind == .kitty
                    ? Cell(
                        glyph: KittyGraphicsEncoder.placeholderCharacter(
                            row: row, column: column, idHighByte: images.idSpace),
                        role: .image, foreground: .palette(Int(id & 0xFF)))
                    : Cell(glyph: " ", role: .image)
                canvas[x + column, y + row] = cell
            }
        }
        return true
    }
}
