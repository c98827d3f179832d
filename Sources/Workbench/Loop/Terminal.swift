// Terminal: the one seam between the UI loop and a real (or recorded) terminal.

/// What a terminal read produced.
public enum TerminalInput: Equatable, Sendable {
    case key(Key)
    /// The terminal changed size.
    case resize(TerminalSize)
    /// Input is closed (the terminal hung up); the loop must stop, never spin.
    case eof
    /// A quit signal (SIGINT, SIGTERM, SIGHUP) was caught; the number is the signal.
    case signal(Int32)
}

/// A screen and keyboard. `CursesTerminal` is the real one; `RecordingTerminal` drives tests.
public protocol Terminal: AnyObject {
    /// The current size in cells.
    var size: TerminalSize { get }
    /// Waits up to `timeoutMs` for input. - Returns: nil when the time passed without input.
    func readKey(timeoutMs: Int) -> TerminalInput?
    /// Shows `canvas`, writing only the cells that differ from the last frame.
    func present(_ canvas: TextCanvas, theme: Theme, colorMode: ColorMode)
    /// Forgets the last frame and clears the screen, so the next `present` redraws every cell.
    func repaint()
    /// A cell's size in pixels when the terminal reports it, else nil (sizes sixel images).
    var cellPixels: CellPixels? { get }
}

extension Terminal {
    public var cellPixels: CellPixels? { nil }
}
