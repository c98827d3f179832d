// Key: a key press as the UI understands it, independent of curses key codes.

/// A key press. Terminals translate their own codes into this.
public enum Key: Hashable, Sendable {
    /// A printable character ("n", " ", "?", "+").
    case character(Character)
    /// Ctrl with a letter, lower case ("l" for ctrl-l).
    case control(Character)
    case tab
    case backTab
    case enter
    case escape
    case backspace
    case up
    case down
    case left
    case right
    /// Function key F1...F12.
    case function(Int)

    /// A short name for help screens and messages ("space", "ctrl-l", "n").
    public var label: String {
        switch self {
        case .character(" "): "space"
        case .character(let c): String(c)
        case .control(let c): "ctrl-\(c)"
        case .tab: "tab"
        case .backTab: "shift-tab"
        case .enter: "enter"
        case .escape: "esc"
        case .backspace: "backspace"
        case .up: "up"
        case .down: "down"
        case .left: "left"
        case .right: "right"
        case .function(let n): "F\(n)"
        }
    }
}
