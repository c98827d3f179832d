// ThemeColor: a colour as a theme file writes it, and its nearest 256- and 8-colour indices.

/// A theme colour: the terminal's default, an RGB value, or a palette index.
public enum ThemeColor: Equatable, Hashable, Sendable {
    /// Empty value: leave the terminal's own colour (usually for the background).
    case terminalDefault
    case rgb(UInt8, UInt8, UInt8)
    /// An xterm palette index 0...255 (0-15 are the terminal's 16 basic colours).
    case palette(UInt8)

    /// Parses `"#rrggbb"`, grey shorthand `"#gg"` (= `#gggggg`), decimal `"r g b"` (each 0-255,
    /// space-separated, as btop's themes write `"255 255 255"`), a palette index `"0"`...`"255"`,
    /// or `""` (terminal default). Returns nil for anything else.
    public init?(parsing text: String) {
        let value = text.trimmingCharacters(in: .whitespaces)
        if value.isEmpty {
            self = .terminalDefault
            return
        }
        if value.hasPrefix("#") {
            let hex = value.dropFirst()
            guard hex.allSatisfy(\.isHexDigit) else { return nil }
            if hex.count == 2, let grey = UInt8(hex, radix: 16) {
                self = .rgb(grey, grey, grey)
                return
            }
            guard hex.count == 6, let packed = UInt32(hex, radix: 16) else { return nil }
            self = .rgb(UInt8(packed >> 16), UInt8((packed >> 8) & 0xff), UInt8(packed & 0xff))
            return
        }
        if value.contains(" ") {
            let parts = value.split(separator: " ")
            let channels = parts.compactMap { part in
                part.allSatisfy({ $0.isASCII && $0.isNumber }) ? UInt8(part) : nil
            }
            guard parts.count == 3, channels.count == 3 else { return nil }
            self = .rgb(channels[0], channels[1], channels[2])
            return
        }
        guard value.allSatisfy({ $0.isASCII && $0.isNumber }), let index = UInt8(value) else { return nil }
        self = .palette(index)
    }

    /// The RGB value (palette entries use the standard xterm palette); nil for the default.
    public var rgbComponents: (r: Int, g: Int, b: Int)? {
        switch self {
        case .terminalDefault: nil
        case .rgb(let r, let g, let b): (Int(r), Int(g), Int(b))
        case .palette(let index): Self.xtermRGB(Int(index))
        }
    }

    /// The nearest xterm-256 index (6×6×6 cube 16-231 or grey ramp 232-255); nil for default.
    public var index256: Int? {
        switch self {
        case .terminalDefault: return nil
        case .palette(let index): return Int(index)
        case .rgb(let r, let g, let b): return Self.nearest256(Int(r), Int(g), Int(b))
        }
    }

    /// The nearest of the 8 basic ANSI colours (0 black ... 7 white); nil for default.
    /// Greys become black or white by brightness; other colours by which channels dominate.
    public var index8: Int? {
        switch self {
        case .terminalDefault: return nil
        case .palette(let index) where index < 16: return Int(index) % 8
        default:
            guard let (r, g, b) = rgbComponents else { return nil }
            let high = max(r, g, b)
            let low = min(r, g, b)
            if high - low < 0x30 { return (r + g + b) / 3 >= 0x50 ? 7 : 0 }
            let half = high / 2
            return (r > half ? 1 : 0) | (g > half ? 2 : 0) | (b > half ? 4 : 0)
        }
    }

    /// A colour between `a` and `b`, `t` in 0...1 (in RGB; the default counts as black).
    public static func mix(_ a: ThemeColor, _ b: ThemeColor, _ t: Double) -> ThemeColor {
        let (ar, ag, ab) = a.rgbComponents ?? (0, 0, 0)
        let (br, bg, bb) = b.rgbComponents ?? (0, 0, 0)
        func lerp(_ x: Int, _ y: Int) -> UInt8 {
            UInt8(max(0, min(255, (Double(x) + (Double(y) - Double(x)) * t).rounded())))
        }
        return .rgb(lerp(ar, br), lerp(ag, bg), lerp(ab, bb))
    }

    private static let cubeLevels = [0, 95, 135, 175, 215, 255]
    private static let basic16: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
        (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
        (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The RGB value of an xterm palette index.
    static func xtermRGB(_ index: Int) -> (r: Int, g: Int, b: Int) {
        if index < 16 { return basic16[max(0, index)] }
        if index >= 232 {
            let level = 8 + 10 * (index - 232)
            return (level, level, level)
        }
        let cube = index - 16
        return (cubeLevels[cube / 36], cubeLevels[(cube / 6) % 6], cubeLevels[cube % 6])
    }

    private static func nearest256(_ r: Int, _ g: Int, _ b: Int) -> Int {
        func nearestLevel(_ v: Int) -> Int {
            var best = 0
            for (i, level) in cubeLevels.enumerated() where abs(level - v) < abs(cubeLevels[best] - v) { best = i }
            return best
        }
        let (ri, gi, bi) = (nearestLevel(r), nearestLevel(g), nearestLevel(b))
        let cubeIndex = 16 + 36 * ri + 6 * gi + bi
        let cubeDistance = distance((r, g, b), (cubeLevels[ri], cubeLevels[gi], cubeLevels[bi]))
        let grey = (r + g + b) / 3
        let greyStep = max(0, min(23, Int(((Double(grey) - 8) / 10).rounded())))
        let greyLevel = 8 + 10 * greyStep
        let greyDistance = distance((r, g, b), (greyLevel, greyLevel, greyLevel))
        return greyDistance < cubeDistance ? 232 + greyStep : cubeIndex
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let (dr, dg, db) = (a.0 - b.0, a.1 - b.1, a.2 - b.2)
        return dr * dr + dg * dg + db * db
    }
}
