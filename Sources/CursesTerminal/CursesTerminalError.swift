// CursesTerminalError: why curses could not start, worded for the user.

/// Why the terminal UI could not start.
public enum CursesTerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output is not a terminal (piped or redirected).
    case notATerminal
    /// terminfo knows neither `TERM` nor any fallback.
    case unknownTerminal(term: String, tried: [String])

    public var description: String {
        switch self {
        case .notATerminal:
            "aelab: the workbench needs a terminal on stdin and stdout; for headless training use `aelab train`"
        case .unknownTerminal(let term, let tried):
            "aelab: terminal type TERM=\"\(term)\" is unknown to terminfo (also tried \(tried.joined(separator: ", "))); set TERM to e.g. xterm-256color or install ncurses-term"
        }
    }
}
