// UILoop: read a key, apply it, send commands, take snapshots, render within the frame budget.
import Dispatch

/// The UI thread's loop, generic over the terminal so tests drive it with `RecordingTerminal`.
///
/// Each turn: draw if something changed and the frame budget (default 10 frames/s) allows;
/// wait for input in `readKey` (never spinning: the wait is the remaining frame time, or
/// `idlePollMs` when nothing is pending); map the key, apply the action, send its commands;
/// take newer snapshots from the session.
///
/// What a key (or a resize) changes is drawn at once instead of waiting for the next frame
/// slot, so a keystroke reaches the screen in one render rather than up to a frame interval
/// later; such early frames are allowed once per frame interval, so a burst of keys (a held
/// key) still draws at most twice the budget.
public final class UILoop<T: Terminal> {
    public private(set) var state: AppState
    private let terminal: T
    private let session: any TrainingSessionInterface
    private let themes: [Theme]
    private let keymap: Keymap
    private let frameIntervalMs: UInt64
    private let idlePollMs: Int
    private let clock: () -> UInt64
    private var sequence: UInt64 = 0
    private var needsRender = true
    private var lastRenderMs: UInt64?
    /// A key or resize changed the screen since the last frame.
    private var keyPending = false
    /// When the last frame drawn early for a key was.
    private var lastKeyFrameMs: UInt64?
    /// Times frames and writes the soak figures (AELAB_STATS); nil costs nothing.
    private let stats: StatsReporter?

    /// - Parameters:
    ///   - state: The starting state; its size and theme names are taken from `terminal` and `themes`.
    ///   - themes: The themes `t` cycles through (the built-in default when empty).
    ///   - framesPerSecond: The most frames drawn per second.
    ///   - idlePollMs: How long to wait for a key when nothing needs drawing.
    ///   - clock: Monotonic milliseconds (injected for tests).
    ///   - stats: Times every frame (compose + present) and gets a `tick` each turn.
    public init(
        terminal: T, session: any TrainingSessionInterface, themes: [Theme], state: AppState,
        keymap: Keymap = .standard, framesPerSecond: Int = 10, idlePollMs: Int = 100,
        clock: @escaping () -> UInt64 = { DispatchTime.now().uptimeNanoseconds / 1_000_000 },
        stats: StatsReporter? = nil
    ) {
        self.stats = stats
        self.terminal = terminal
        self.session = session
        self.themes = themes.isEmpty ? [.builtInDefault] : themes
        self.keymap = keymap
        frameIntervalMs = UInt64(1000 / max(1, framesPerSecond))
        self.idlePollMs = max(1, idlePollMs)
        self.clock = clock
        var initial = state
        initial.themeNames = self.themes.map(\.name)
        initial.themeIndex = min(initial.themeIndex, self.themes.count - 1)
        _ = initial.resize(to: terminal.size, cellPixels: terminal.cellPixels)
        self.state = initial
    }

    /// Runs until the user quits, a quit signal arrives, or the terminal closes.
    /// - Returns: Why the loop stopped (the caller autosaves and prints a message).
    public func run() -> QuitReason {
        while true {
            if let reason = turn() { return reason }
        }
    }

    /// One turn of the loop. - Returns: A reason when the loop must stop.
    func turn() -> QuitReason? {
        stats?.tick()
        renderIfDue()
        if let input = terminal.readKey(timeoutMs: waitMs()) {
            switch input {
            case .eof:
                return .hangUp
            case .signal(let number):
                return number == 1 ? .hangUp : .signal(number)
            case .resize(let size):
                if state.resize(to: size, cellPixels: terminal.cellPixels) { markKeyRedraw() }
                if let command = state.displayCommand() { session.send(command) }
            case .key(let key):
                if let action = keymap.action(for: key) {
                    let effect = state.apply(action)
                    for command in effect.commands { session.send(command) }
                    if let reason = effect.quit { return reason }
                    if effect.repaint {
                        terminal.repaint()
                        lastRenderMs = nil
                    }
                    if effect.redraw { markKeyRedraw() }
                }
            }
        }
        if let (newest, snapshots) = session.latest(after: sequence) {
            sequence = newest
            if state.receive(snapshots) { needsRender = true }
        }
        return nil
    }

    /// The user changed the screen: draw soon, early if no early frame was drawn lately.
    private func markKeyRedraw() {
        needsRender = true
        keyPending = true
    }

    /// Milliseconds until a pending frame may be drawn (0: now): the rest of the frame
    /// interval, or less for a key's frame when no early frame was drawn in the last interval.
    private func msUntilDue(_ now: UInt64) -> UInt64 {
        func rest(since last: UInt64?) -> UInt64 {
            guard let last else { return 0 }
            let elapsed = now &- last
            return elapsed >= frameIntervalMs ? 0 : frameIntervalMs - elapsed
        }
        let budget = rest(since: lastRenderMs)
        return keyPending ? min(budget, rest(since: lastKeyFrameMs)) : budget
    }

    /// How long the next read may wait: until the pending frame is due, the idle poll when
    /// nothing is pending; at least 1 ms so the loop never spins.
    private func waitMs() -> Int {
        guard needsRender else { return idlePollMs }
        return Int(max(1, msUntilDue(clock())))
    }

    private func renderIfDue() {
        guard needsRender else { return }
        let now = clock()
        guard msUntilDue(now) == 0 else { return }
        if keyPending, let last = lastRenderMs, now &- last < frameIntervalMs { lastKeyFrameMs = now }
        if let stats {
            stats.timeFrame(draw)
        } else {
            draw()
        }
        lastRenderMs = now
        needsRender = false
        keyPending = false
    }

    /// Composes the screen from the state and hands it to the terminal.
    private func draw() {
        let canvas = Screen.render(state, keymap: keymap)
        terminal.present(canvas, theme: themes[state.themeIndex % themes.count], colorMode: state.colorMode)
    }
}
