// NumberFormat: short, fixed-width renderings of losses, rates and counts for panels.
import Foundation

/// Formats numbers for narrow panels.
public enum NumberFormat {
    /// Four significant digits (`0.1234`, `12.35`, `1.2e+04`); "nan"/"inf" for non-finite values.
    public static func value(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        if magnitude >= 1e5 || magnitude < 1e-3 { return String(format: "%.2e", x) }
        return String(format: "%.4g", x)
    }

    /// A count with a k/M suffix (`950`, `5.2k`, `1.3M`).
    public static func compact(_ x: Double) -> String {
        guard x.isFinite else { return "-" }
        if x >= 1e6 { return String(format: "%.1fM", x / 1e6) }
        if x >= 1e4 { return String(format: "%.0fk", x / 1e3) }
        if x >= 1e3 { return String(format: "%.1fk", x / 1e3) }
        return String(format: "%.0f", x)
    }

    /// A share 0...1 as a whole percentage (`61%`).
    public static func percent(_ share: Double) -> String {
        guard share.isFinite else { return "-" }
        return String(format: "%.0f%%", share * 100)
    }
}
