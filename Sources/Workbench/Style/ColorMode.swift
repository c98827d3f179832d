// ColorMode: how many colours the terminal shows (256, 8 or none).

/// The colour depth frames are drawn with.
public enum ColorMode: String, CaseIterable, Sendable {
    case colors256
    case colors8
    case none

    /// Chooses the mode: none when `NO_COLOR` is set and non-empty or `TERM` is `dumb` (or
    /// unset), otherwise 256 when the terminal reports at least 256 colours, 8 when at least 8.
    /// - Parameters:
    ///   - environment: The process environment.
    ///   - terminalColors: The terminal's colour count (curses `COLORS`; 0 if it has none).
    public static func detect(environment: [String: String], terminalColors: Int) -> ColorMode {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        let term = environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" { return .none }
        if terminalColors >= 256 { return .colors256 }
        if terminalColors >= 8 { return .colors8 }
        return .none
    }
}
