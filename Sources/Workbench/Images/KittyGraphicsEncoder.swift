// KittyGraphicsEncoder: the pure encoder for the kitty graphics protocol with Unicode
// placeholders (https://sw.kovidgoyal.net/kitty/graphics-protocol/, "Unicode placeholders").
// Grey pixels + geometry -> bytes; it writes nothing itself.
//
// Format choice: f=24 (RGB, each grey byte repeated three times). The protocol has no grey
// format (f=24 RGB, f=32 RGBA, f=100 PNG); f=24 carries all 256 grey levels exactly, is checkable
// by hand byte for byte, and needs no PNG/zlib on the hot path. A 28x28 image at scale 2 is
// 9,408 bytes (12,544 base64), sent only when an id's pixels change (see ImageFrameWriter).
//
// Transmission: APC `ESC _G <keys>;<base64> ESC \`, the base64 split into chunks of at most
// 4096 bytes; every chunk but the last carries m=1, the last m=0; only the first carries the
// other keys. `a=T,U=1` transmits and creates a virtual placement of c columns x r rows that
// the terminal draws wherever placeholder cells for this image id appear. Inside tmux each APC
// is wrapped in DCS passthrough (`ESC Ptmux;` ... `ESC \`, every ESC inside doubled).
//
// Placement: each cell is U+10EEEE followed by the row diacritic and the column diacritic
// (from kitty's rowcolumn-diacritics.txt), drawn with the image id as the foreground colour: a
// 256-colour index, which the spec reads as the id when it is below 256 and curses can draw.
// An optional third diacritic is the id's most significant byte (the spec's example: colour 42
// with the diacritic for 2 names image 2 << 24 + 42), which PixelImages.idSpace uses.
// These are ordinary characters, so redraws and scrolling (by ncurses or tmux) move them.

import Foundation

public enum KittyGraphicsEncoder {
    static let escape = "\u{1B}"
    static let stringTerminator = "\u{1B}\\"
    /// The most base64 bytes one escape code may carry.
    public static let chunkSize = 4096
    /// The placeholder base character.
    public static let placeholder: Unicode.Scalar = "\u{10EEEE}"

    /// The query sent at start-up: a 1x1 RGB image id 31 sent with a=q (answer, do not store).
    /// A kitty-capable terminal answers `ESC _Gi=31;OK ESC \`.
    public static let query = "\u{1B}_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\u{1B}\\"

    /// The escape codes that transmit `image` as image `id` with a virtual placement of
    /// `columns` x `rows` cells.
    /// - Precondition: `id` is not 0 (the protocol's ids are 1...4294967295).
    public static func transmit(_ image: GreyImage, id: UInt32, columns: Int, rows: Int) -> String {
        transmitChunks(image, id: id, columns: columns, rows: rows).joined()
    }

    /// The escape codes of `transmit`, one APC per chunk (tmux wraps each on its own).
    public static func transmitChunks(_ image: GreyImage, id: UInt32, columns: Int, rows: Int) -> [String] {
        precondition(id > 0, "kitty image id 0 is not allowed")
        var rgb = [UInt8]()
        rgb.reserveCapacity(image.pixels.count * 3)
        for p in image.pixels {
            rgb.append(p)
            rgb.append(p)
            rgb.append(p)
        }
        let payload = Data(rgb).base64EncodedString()
        let keys = "a=T,U=1,f=24,t=d,s=\(image.width),v=\(image.height),i=\(id),c=\(columns),r=\(rows),q=2"
        var out: [String] = []
        var start = payload.startIndex
        var first = true
        repeat {
            let end = payload.index(start, offsetBy: chunkSize, limitedBy: payload.endIndex) ?? payload.endIndex
            let more = end < payload.endIndex ? 1 : 0
            let control = first ? "\(keys),m=\(more)" : "m=\(more)"
            out.append("\(escape)_G\(control);\(payload[start..<end])\(stringTerminator)")
            start = end
            first = false
        } while start < payload.endIndex
        return out
    }

    /// Deletes image `id` and its placements (frees the terminal's memory).
    public static func delete(id: UInt32) -> String {
        "\(escape)_Ga=d,d=I,i=\(id),q=2\(stringTerminator)"
    }

    /// Wraps every escape sequence for tmux's DCS passthrough (needs `allow-passthrough on`).
    public static func tmuxPassthrough(_ bytes: String) -> String {
        "\(escape)Ptmux;" + bytes.replacingOccurrences(of: escape, with: escape + escape) + stringTerminator
    }

    /// The text of placeholder row `row`: `columns` cells of U+10EEEE + row + column diacritic.
    /// - Precondition: row and column below `KittyDiacritics.rowColumn.count`.
    public static func placeholderRow(_ row: Int, columns: Int) -> String {
        let marks = KittyDiacritics.rowColumn
        precondition(row < marks.count && columns <= marks.count, "placeholder grid too large")
        var scalars = String.UnicodeScalarView()
        for column in 0..<columns {
            scalars.append(placeholder)
            scalars.append(marks[row])
            scalars.append(marks[column])
        }
        return String(scalars)
    }

    /// One placeholder cell as a character: U+10EEEE + the row and the column diacritic, and
    /// when `idHighByte` is not 0 a third diacritic for it (the id's most significant byte).
    /// - Precondition: row, column and idHighByte below `KittyDiacritics.rowColumn.count`.
    public static func placeholderCharacter(row: Int, column: Int, idHighByte: UInt8 = 0) -> Character {
        let marks = KittyDiacritics.rowColumn
        var scalars = String.UnicodeScalarView()
        scalars.append(placeholder)
        scalars.append(marks[row])
        scalars.append(marks[column])
        if idHighByte > 0 { scalars.append(marks[Int(idHighByte)]) }
        return Character(String(scalars))
    }

    /// SGR that sets the foreground to the colour that names image `id`.
    public static func foreground(id: UInt32) -> String {
        "\(escape)[38;2;\(id >> 16 & 0xFF);\(id >> 8 & 0xFF);\(id & 0xFF)m"
    }

    /// The bytes that draw image `id`'s placeholders with the top-left cell at (x, y) (0-based
    /// screen cells), restoring the default foreground after.
    public static func place(id: UInt32, x: Int, y: Int, columns: Int, rows: Int) -> String {
        var out = foreground(id: id)
        for row in 0..<rows {
            out += "\(escape)[\(y + row + 1);\(x + 1)H" + placeholderRow(row, columns: columns)
        }
        return out + "\(escape)[39m"
    }
}
