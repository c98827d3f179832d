// GlyphMode: which characters panels may draw with (braille and half blocks, or plain ASCII).

/// The character repertoire for charts and images.
public enum GlyphMode: String, CaseIterable, Sendable {
    /// Charts in braille (2×4 dots a cell), images in half blocks.
    case braille
    /// Charts in half blocks (1×2 dots a cell), images in half blocks.
    case block
    /// Only ASCII: charts with `*`/`o`/`+`, images and heatmaps with the shade ramp.
    case ascii

    /// True when Unicode box drawing, blocks and braille may be used.
    public var isUnicode: Bool { self != .ascii }

    /// The separator in panel titles: "·", or "-" in ASCII.
    public var separator: String { isUnicode ? "·" : "-" }
    /// The multiplication sign: "×", or "x" in ASCII.
    public var times: String { isUnicode ? "×" : "x" }
    /// The mark for cut text: "…", or "..." in ASCII.
    public var ellipsis: String { isUnicode ? "…" : "..." }

    /// The shade ramp for ASCII images and heatmaps, light to dark ink.
    public static let shadeRamp: [Character] = Array(" .:-=+*#%@")

    /// The modes a terminal can show: all three on a UTF-8 locale, only ASCII otherwise.
    public static func available(unicode: Bool) -> [GlyphMode] {
        unicode ? [.braille, .block, .ascii] : [.ascii]
    }

    /// Whether the locale in `environment` is UTF-8 (LC_ALL, then LC_CTYPE, then LANG decide,
    /// the first that is set and non-empty; none set means the C locale, not UTF-8).
    public static func localeIsUTF8(environment: [String: String]) -> Bool {
        for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let value = environment[name], !value.isEmpty {
                let lowered = value.lowercased()
                return lowered.contains("utf-8") || lowered.contains("utf8")
            }
        }
        return false
    }

    /// The starting mode: ASCII when asked (`--ascii`) or when the locale is not UTF-8.
    public static func detect(environment: [String: String], forceASCII: Bool) -> GlyphMode {
        forceASCII || !localeIsUTF8(environment: environment) ? .ascii : .braille
    }
}
