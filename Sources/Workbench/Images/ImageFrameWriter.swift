// ImageFrameWriter: turns the images placed in a frame into the bytes the terminal needs after
// the cells are drawn. Pure apart from its memory of what the terminal already holds, so tests
// check its output byte for byte. Nothing is sent twice that has not changed:
// - kitty: the terminal keeps every image sent until it is deleted, shown or not, so the
//   writer keeps up to 240 of them by content (pixels, size, cells). A frame's image whose
//   content the terminal holds is shown by pointing its placeholder cells at that id (their
//   foreground colour); only new content is transmitted (a=T, U=1: a virtual placement the
//   placeholder cells show), on a free id or, when all 240 are taken, on the one shown least
//   recently. Switching views, paging probes or scrubbing epochs back to pictures seen before
//   sends nothing. Inside tmux each APC chunk is wrapped in DCS passthrough on its own; at
//   quit every id held is deleted (a=d,d=I).
//   Transmissions go out before the cells that show them are drawn (they do not touch the
//   screen), so a cell never shows an id's previous picture while the new one is on its way.
// - sixel: an image is drawn at its cell position (cursor saved and restored around it, so
//   curses' idea of the cursor stays true) when it is new, moved or changed or the screen was
//   erased, and only while all its cells still hold the blank image cells the widget left (an
//   overlay on top hides it; when the overlay goes, the image is drawn again). Sixel is never
//   sent through tmux. Kitty images outlive an erase: only a ctrl-l repaint sends them again.

/// The bytes of one frame's images, in the two places they go.
public struct ImageBytes: Equatable, Sendable {
    /// Kitty transmissions: before the frame's cells, which point at them.
    public var beforeCells = ""
    /// Sixels: over the blank cells once curses has drawn them.
    public var afterCells = ""

    /// Both, in order.
    public var all: String { beforeCells + afterCells }
}

public struct ImageFrameWriter: Sendable {
    private struct KittyKey: Hashable, Sendable {
        var hash: UInt32, width: Int, height: Int, columns: Int, rows: Int
    }
    private struct SixelKey: Hashable, Sendable {
        var x: Int, y: Int, columns: Int, rows: Int, hash: UInt32
    }

    /// Wrap kitty escapes for tmux's passthrough (`$TMUX` set).
    public let inTmux: Bool
    /// Low id byte (16...255) of each kitty image the terminal holds, by content.
    private var kittyIDs: [KittyKey: UInt32] = [:]
    /// What each low id holds, the full id it was sent as, and the frame that last showed it.
    private var kittyHeld: [UInt32: (key: KittyKey, id: UInt32, lastFrame: Int)] = [:]
    private var frame = 0
    private var sixelShown = Set<SixelKey>()

    public init(inTmux: Bool) {
        self.inTmux = inTmux
    }

    /// The bytes that bring the terminal's images in line with `canvas.images`; kitty images
    /// whose content the terminal holds under another id are pointed at it (the id in
    /// `canvas.images` and the foreground of their placeholder cells change).
    /// - Complexity: O(pixels of the images sent + cells of the kitty images).
    public mutating func bytes(for canvas: inout TextCanvas) -> ImageBytes {
        frame += 1
        var out = ImageBytes()
        let keys = canvas.images.map {
            KittyKey(
                hash: $0.image.contentHash, width: $0.image.width, height: $0.image.height, columns: $0.columns,
                rows: $0.rows)
        }
        // what this frame shows again is not given up for what it shows new
        for (placed, key) in zip(canvas.images, keys) where placed.kind == .kitty {
            if let low = kittyIDs[key] { kittyHeld[low]?.lastFrame = frame }
        }
        for index in canvas.images.indices where canvas.images[index].kind == .kitty {
            let placed = canvas.images[index]
            let key = keys[index]
            let low: UInt32
            if let held = kittyIDs[key] {
                low = held
            } else {
                low = freeID()
                if let old = kittyHeld[low] { kittyIDs[old.key] = nil }
                kittyIDs[key] = low
                let id = placed.id & 0xFF00_0000 | low
                for chunk in KittyGraphicsEncoder.transmitChunks(
                    placed.image, id: id, columns: placed.columns, rows: placed.rows)
                {
                    out.beforeCells += wrap(chunk)
                }
            }
            kittyHeld[low] = (key, placed.id & 0xFF00_0000 | low, frame)
            Self.point(&canvas, image: index, at: low)
        }
        var shownNow = Set<SixelKey>()
        for placed in canvas.images where placed.kind == .sixel && !inTmux && Self.uncovered(placed, on: canvas) {
            let key = SixelKey(
                x: placed.x, y: placed.y, columns: placed.columns, rows: placed.rows, hash: placed.image.contentHash)
            shownNow.insert(key)
            if !sixelShown.contains(key) {
                out.afterCells +=
                    "\u{1B}7\u{1B}[\(placed.y + 1);\(placed.x + 1)H" + SixelEncoder.encode(placed.image) + "\u{1B}8"
            }
        }
        sixelShown = shownNow
        return out
    }

    /// Deletes every kitty image sent (at quit) and forgets them.
    public mutating func deleteAll() -> String {
        let ids = kittyHeld.values.map(\.id).sorted()
        kittyIDs.removeAll()
        kittyHeld.removeAll()
        sixelShown.removeAll()
        return ids.map { wrap(KittyGraphicsEncoder.delete(id: $0)) }.joined()
    }

    /// Forgets what the terminal holds (after a repaint the user asked for: the terminal may
    /// have lost anything), so the next frame sends every image again.
    public mutating func reset() {
        kittyIDs.removeAll()
        kittyHeld.removeAll()
        sixelShown.removeAll()
    }

    /// The screen was erased and every cell is drawn again (a resize, a theme change): sixels
    /// are pixels on the screen and went with it, so they are drawn again; kitty images are held
    /// by the terminal apart from the screen, and their placeholder cells come back with the
    /// text, so they are not sent again.
    public mutating func screenErased() {
        sixelShown.removeAll()
    }

    /// A low id for new content: a free one, else the one shown least recently (never one this
    /// frame shows: a frame has at most 240 images).
    private func freeID() -> UInt32 {
        if let free = (PlacedImageIDs.first...PlacedImageIDs.last).first(where: { kittyHeld[$0] == nil }) {
            return free
        }
        let oldest = kittyHeld.filter { $0.value.lastFrame < frame }.min {
            ($0.value.lastFrame, $0.key) < ($1.value.lastFrame, $1.key)
        }
        return oldest?.key ?? PlacedImageIDs.first
    }

    /// Points image `index` and its placeholder cells at low id `low` (the high byte, the id
    /// space, stays).
    private static func point(_ canvas: inout TextCanvas, image index: Int, at low: UInt32) {
        let placed = canvas.images[index]
        let slot = placed.id & 0xFF
        guard slot != low else { return }
        canvas.images[index].id = placed.id & 0xFF00_0000 | low
        for row in placed.y..<(placed.y + placed.rows) {
            for column in placed.x..<(placed.x + placed.columns) {
                var cell = canvas[column, row]
                guard cell.role == .image, cell.foreground == .palette(Int(slot)) else { continue }
                cell.foreground = .palette(Int(low))
                canvas[column, row] = cell
            }
        }
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
