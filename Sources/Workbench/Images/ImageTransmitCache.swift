// ImageTransmitCache: remembers which images the terminal already holds, so nothing is sent
// twice that has not changed. The kitty image id is derived from the content hash (24 bits,
// never 0), so an unchanged image keeps its id and only its placeholder cells are redrawn.

public struct ImageTransmitCache: Sendable {
    private struct Key: Hashable { var id: UInt32, columns: Int, rows: Int }
    private var sent = Set<Key>()

    public init() {}

    /// The kitty image id for `image` (content hash folded to 24 bits, 0 avoided).
    public static func id(for image: GreyImage) -> UInt32 {
        let h = image.contentHash
        let folded = (h >> 24) ^ (h & 0xFF_FFFF)
        return folded == 0 ? 1 : folded
    }

    /// The id of `image` and the bytes to transmit it, or "" when the terminal already has it.
    public mutating func kittyTransmission(of image: GreyImage, columns: Int, rows: Int) -> (id: UInt32, bytes: String) {
        let id = Self.id(for: image)
        // Geometry is part of the placement made with the image, so it is part of the key.
        guard sent.insert(Key(id: id, columns: columns, rows: rows)).inserted else { return (id, "") }
        return (id, KittyGraphicsEncoder.transmit(image, id: id, columns: columns, rows: rows))
    }

    /// Forgets everything (after the terminal was cleared or resized).
    public mutating func reset() { sent.removeAll() }

    public var count: Int { sent.count }
}
