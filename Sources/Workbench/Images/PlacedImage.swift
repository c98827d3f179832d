// PlacedImage: one pixel image a frame shows with the kitty or sixel protocol: where it sits in
// cells, the exact pixels to send and the id its placeholder cells carry. Pure data, kept in
// the canvas, so rendering stays a pure function of the state.

/// An image placed in a frame.
public struct PlacedImage: Equatable, Sendable {
    /// The protocol that draws it (never `.blocks`).
    public var kind: ImageProtocol
    /// The kitty image id: the low byte (16...255) is the 256-colour foreground of its
    /// placeholder cells, the high byte the session's id space (`PixelImages.idSpace`); for
    /// sixel the placement index, 16 upwards.
    public var id: UInt32
    /// The top-left cell and the size in cells.
    public var x: Int, y: Int, columns: Int, rows: Int
    /// The pixels sent: the source image enlarged by a whole factor.
    public var image: GreyImage

    public init(kind: ImageProtocol, id: UInt32, x: Int, y: Int, columns: Int, rows: Int, image: GreyImage) {
        self.kind = kind
        self.id = id
        self.x = x
        self.y = y
        self.columns = columns
        self.rows = rows
        self.image = image
    }

    /// The cell rectangle it covers.
    public var rect: Rect { Rect(x: x, y: y, width: columns, height: rows) }

    /// One line for snapshot dumps: protocol, id, cell rectangle, pixel size, content hash.
    public var summary: String {
        let hash = String(image.contentHash, radix: 16)
        return
            "\(kind.rawValue) id=\(id) at \(x),\(y) cells \(columns)x\(rows) pixels \(image.width)x\(image.height) hash=\(hash)"
    }
}

/// The ids images get: kitty reads a placeholder's image id from its foreground colour, and a
/// 256-colour index is what curses can draw, so ids are palette indices. 0-15 are skipped (the
/// terminal's own palette, which bold may brighten): 240 images a frame. The session's id space
/// is the id's most significant byte.
public enum PlacedImageIDs {
    public static let first: UInt32 = 16
    public static let last: UInt32 = 255

    /// The id of the next image placed on `canvas` in id space `idSpace`, or nil when all are
    /// used.
    public static func next(on canvas: TextCanvas, idSpace: UInt8 = 0) -> UInt32? {
        let low = first + UInt32(canvas.images.count)
        return low <= last ? UInt32(idSpace) << 24 | low : nil
    }
}
