// SixelEncoder: the pure encoder for DEC sixel graphics (VT330/VT340 programmer reference,
// "Sixel Graphics"; the same format libsixel writes). Grey pixels -> bytes; it writes nothing.
//
// Layout: `ESC P q` opens the sixel DCS; `"1;1;W;H` (raster attributes) sets a 1:1 pixel aspect
// and the image size; `#n;2;r;g;b` defines colour register n in RGB percent (0-100). The picture
// is cut into bands of six rows. Within a band, for each register used there in ascending order:
// `#n`, then one character per column whose six bits (bit 0 = top row of the band) mark the rows
// drawn in that colour, as chr(63 + bits); a run of four or more equal characters is written
// `!count<char>`. `$` returns to the band's start for the next colour, `-` moves to the next band;
// `ESC \` ends the image.
//
// Sixel colours are percentages, so 256 grey levels fall onto 101 registers (level = round(g *
// 100 / 255)); that is the format's limit, not ours. Kitty keeps the full 8 bits.

public enum SixelEncoder {
    /// The register's RGB percentage for an 8-bit grey.
    public static func percent(_ grey: UInt8) -> Int { (Int(grey) * 100 + 127) / 255 }

    /// The sixel bytes for `image`.
    /// - Complexity: O(width * height * registers used per band).
    public static func encode(_ image: GreyImage) -> String {
        let levels = image.pixels.map(percent)
        let used = Array(Set(levels)).sorted()
        var register = [Int](repeating: -1, count: 101)
        for (n, level) in used.enumerated() { register[level] = n }

        var out = "\u{1B}Pq\"1;1;\(image.width);\(image.height)"
        for (n, level) in used.enumerated() { out += "#\(n);2;\(level);\(level);\(level)" }

        let bands = (image.height + 5) / 6
        for band in 0..<bands {
            let top = band * 6
            let bottom = min(top + 6, image.height)
            var bandRegisters = Set<Int>()
            for y in top..<bottom {
                for x in 0..<image.width { bandRegisters.insert(register[levels[y * image.width + x]]) }
            }
            var firstColour = true
            for n in bandRegisters.sorted() {
                if !firstColour { out += "$" }
                firstColour = false
                out += "#\(n)"
                var row = [UInt8]()
                row.reserveCapacity(image.width)
                for x in 0..<image.width {
                    var bits: UInt8 = 0
                    for y in top..<bottom where register[levels[y * image.width + x]] == n {
                        bits |= 1 << UInt8(y - top)
                    }
                    row.append(63 + bits)
                }
                out += runLengthEncoded(row)
            }
            if band + 1 < bands { out += "-" }
        }
        return out + "\u{1B}\\"
    }

    /// Sixel characters with runs of four or more written `!n<char>`.
    static func runLengthEncoded(_ row: [UInt8]) -> String {
        var out = ""
        var i = 0
        while i < row.count {
            var j = i
            while j < row.count && row[j] == row[i] { j += 1 }
            let ch = String(UnicodeScalar(row[i]))
            let run = j - i
            out += run >= 4 ? "!\(run)\(ch)" : String(repeating: ch, count: run)
            i = j
        }
        return out
    }
}
