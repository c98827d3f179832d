// ImageFrameWriter: turns the images placed in a frame into the bytes the terminal needs after
// the cells are drawn. Pure apart from its memory of what the terminal already holds, so tests
// check its output byte for byte. Nothing is sent twice that has not changed:
// - kitty: an id whose pixels or geometry are new is transmitted (a=T, U=1: a virtual placement
//   the placeholder cells show); an id shown before and not now is deleted (a=d,d=I); inside
//   tmux each APC chunk is wrapped in DCS passthrough on its own.
// - sixel: an image is drawn at its cell position (cursor saved and restored around it, so
//   curses' idea of the cursor stays true) when it is new, moved or changed or the screen was
//   erased, and only while all its cells still hold the blank image cells the widget left (an
//   overlay on top hides it; when the overlay goes, the image is drawn again). Sixel is never
//   sent through tmux. Kitty images outlive an erase: only a ctrl-l repaint sends them again.

public struct ImageFrameWriter: Sendable {
    private struct KittyKey: Equatable, Sendable {
        var hash: UInt32, width: Int, height: Int, columns: Int, rows: Int
    }
    private struct SixelKey: Hashable, Sendable {
        var x: Int, y: Int, columns: Int, rows: Int, hash: UInt32
    }

    /// Wrap kitty escapes for tmux's passthrough (`$TMUX` set).
    public let inTmux: Bool
    private var kittySent: [UInt32: KittyKey] = [:]
    private var sixelShown = Set<SixelKey>()

    public init(inTmux: Bool) {
        self.inTmux = inTmux
    }

    /// The bytes that bring the terminal's images in line with `canvas.images`.
    /// - Complexity: O(pixels of the images sent).
    public mutating func bytes(for canvas: TextCanvas) -> String {
        var out = ""
        var shownIDs = Set<UInt32>()
        for placed in canvas.images where placed.kind == .kitty {
            shownIDs.insert(placed.id)
            let key = KittyKey(
                hash: placed.image.contentHash, width: placed.image.width, height: placed.image.height,
                columns: placed.columns, rows: placed.rows)
            guard kittySent[placed.id] != key else { continue }
            kittySent[placed.id] = key
            for chunk in KittyGraphicsEncoder.transmitChunks(
                placed.image, id: placed.id, columns: placed.columns, rows: placed.rows)
            {
                out += wrap(chunk)
            }
        }
        for id in kittySent.keys.sorted() where !shownIDs.contains(id) {
            kittySent[id] = nil
            out += wrap(KittyGraphicsEncoder.delete(id: id))
        }
        var shownNow = Set<SixelKey>()
        for placed in canvas.images where placed.kind == .sixel && !inTmux && Self.uncovered(placed, on: canvas) {
            let key = SixelKey(
                x: placed.x, y: placed.y, columns: placed.columns, rows: placed.rows, hash: placed.image.contentHash)
            shownNow.insert(key)
            if !sixelShown.contains(key) {
                out += "\u{1B}7\u{1B}[\(placed.y + 1);\(placed.x + 1)H" + SixelEncoder.encode(placed.image) + "\u{1B}8"
            }
        }
        sixelShown = shownNow
        return out
    }

    /// Deletes every kitty image sent (at quit) and forgets them.
    public mutating func deleteAll() -> String {
        let ids = kittySent.keys.sorted()
        kittySent.removeAll()
        sixelShown.removeAll()
        return ids.map { wrap(KittyGraphicsEncoder.delete(id: $0)) }.joined()
    }

    /// Forgets what the terminal holds (after a repaint the user asked for: the terminal may
    /// have lost anything), so the next frame sends every image again.
    public mutating func reset() {
        kittySent.removeAll()
        sixelShown.removeAll()
    }

    /// The screen was erased and every cell is drawn again (a resize, a theme change): sixels
    /// are pixels on the screen and went with it, so they are drawn again; kitty images are held
    /// by the terminal apart from the screen, and their placeholder cells come back with the
    /// text, so they are not sent again.
    public mutating func screenErased() {
        sixelShown.removeAll()
    }

    /// Whether every cell of a sixel image still holds the blank image cell the widget drew.
    static func uncovered(_ placed: PlacedImage, on canvas: TextCanvas) -> Bool {
        for row in placed.y..<(placed.y + placed.rows) {
            for column in placed.x..<(placed.x + placed.columns) {
                let cell = canvas[column, row]
                if cell.role != .image || cell.glyph != " " { return false }
            }
        }
        return true
    }

    private func wrap(_ escape: String) -> String {
        inTmux ? KittyGraphicsEncoder.tmuxPassthrough(escape) : escape
    }
}
