// Effect: what applying an action asks of the loop: commands to send, redraw, or quit.

/// Why the UI loop ended.
public enum QuitReason: Equatable, Sendable {
    /// The user pressed `q` or ctrl-c.
    case userQuit
    /// The terminal closed (end of input, SIGHUP).
    case hangUp
    /// A quit signal (SIGINT, SIGTERM) arrived; the number is the signal.
    case signal(Int32)
}

/// The result of `AppState.apply(_:)`.
public struct Effect: Equatable, Sendable {
    /// Commands for the training session, in order.
    public var commands: [SessionCommand]
    /// The frame must be drawn again.
    public var redraw: Bool
    /// The terminal must be cleared and fully repainted (ctrl-l).
    public var repaint: Bool
    /// The loop must stop.
    public var quit: QuitReason?

    public init(commands: [SessionCommand] = [], redraw: Bool = false, repaint: Bool = false, quit: QuitReason? = nil) {
        self.commands = commands
        self.redraw = redraw
        self.repaint = repaint
        self.quit = quit
    }

    /// Nothing to do.
    public static let none = Effect()
}
