// RecordingTerminal: a scripted, in-memory Terminal for driving the whole UI in tests.

/// Plays a script of inputs and records every frame and wait. Time is virtual: `nowMs`
/// advances by the timeout on each read that times out, and by 1 ms on each input.
/// When the script runs out it reports `.eof`, so a test can never hang.
public final class RecordingTerminal: Terminal {
    public var size: TerminalSize
    /// The cell size in pixels the terminal reports (nil: none, as in most tests).
    public var cellPixels: CellPixels?
    /// Inputs still to deliver; nil entries are reads that time out.
    public var script: [TerminalInput?]
    /// Every timeout the loop asked for, in order.
    public private(set) var requestedTimeouts: [Int] = []
    /// Every frame presented, in order.
    public private(set) var frames: [TextCanvas] = []
    /// The theme of each frame.
    public private(set) var themeNames: [String] = []
    public private(set) var repaintCount = 0
    /// Virtual monotonic time in milliseconds.
    public private(set) var nowMs: UInt64 = 0

    public init(size: TerminalSize, script: [TerminalInput?]) {
        self.size = size
        self.script = script
    }

    public func readKey(timeoutMs: Int) -> TerminalInput? {
        requestedTimeouts.append(timeoutMs)
        guard !script.isEmpty else { return .eof }
        let next = script.removeFirst()
        if case .resize(let newSize)? = next { size = newSize }
        nowMs += next == nil ? UInt64(max(0, timeoutMs)) : 1
        return next
    }

    public func present(_ canvas: TextCanvas, theme: Theme, colorMode: ColorMode) {
        frames.append(canvas)
        themeNames.append(theme.name)
    }

    public func repaint() { repaintCount += 1 }
}
