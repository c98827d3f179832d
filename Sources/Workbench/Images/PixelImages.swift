// PixelImages: how this session draws grey images: the protocol chosen at start and, for kitty,
// the high byte of its image ids. Kept in AppState and handed to GreyImageWidget, so a frame
// stays a pure function of the state.
//
// Why an id space: a kitty terminal holds one set of images for everything shown in it, and
// through tmux every pane writes to the same terminal. Two workbenches side by side would both
// number their images from 16 and replace each other's. The kitty graphics protocol ("Unicode
// placeholders") lets a placeholder cell carry the id's most significant byte as a third
// diacritic (the foreground colour holds the low byte), so each process takes its own byte.

/// A terminal cell's size in pixels.
public struct CellPixels: Equatable, Sendable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// The pixel-image settings of a session.
public struct PixelImages: Equatable, Sendable {
    /// The protocol that draws images (`.blocks`: half blocks or shades, no pixels).
    public var kind: ImageProtocol
    /// The most significant byte of every kitty image id, 0 for none (then the placeholder
    /// cells carry two diacritics, else three).
    public var idSpace: UInt8
    /// The terminal's cell size when it reports one (TIOCGWINSZ), else nil. A sixel is drawn
    /// pixel for pixel, so it must fit its cells at this size; kitty fits the picture to the
    /// cells itself, and the size only decides how many pixels are worth sending.
    public var cellPixels: CellPixels?

    /// Half blocks: what every session starts with.
    public static let blocks = PixelImages(kind: .blocks)

    /// - Precondition: `idSpace` below `KittyDiacritics.rowColumn.count` (it is a diacritic).
    public init(kind: ImageProtocol, idSpace: UInt8 = 0, cellPixels: CellPixels? = nil) {
        precondition(Int(idSpace) < KittyDiacritics.rowColumn.count, "kitty id space \(idSpace) has no diacritic")
        self.kind = kind
        self.idSpace = idSpace
        self.cellPixels = cellPixels
    }

    /// The id space of process `processID`: 1...63, so workbenches started one after another
    /// (consecutive process ids) get different ones.
    public static func idSpace(processID: Int32) -> UInt8 {
        UInt8(1 + Int(processID.magnitude) % (KittyDiacritics.rowColumn.count - 1))
    }
}
