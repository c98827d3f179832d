// CursesTerminal: the real Terminal, on ncursesw (the only module that imports CNcurses).
import CNcurses
import CTermGuard
import Foundation
import Workbench

/// A `Terminal` on ncurses. Starts with `newterm` (falling back to xterm or vt100 when terminfo
/// does not know `TERM`), cbreak, noecho, keypad, ESC delay 25 ms, no mouse, hidden cursor.
/// `present` writes only the cells that changed since the last frame, then the image bytes the
/// frame's kitty or sixel images need (ImageFrameWriter: only what changed, after curses has
/// drawn the cells); `shutdown` (also run by `deinit`) deletes the kitty images sent and calls
/// `endwin`. Call from one thread only: curses is not thread-safe.
public final class CursesTerminal: Terminal {
    /// The colour depth chosen at start (256, 8, or none for NO_COLOR / TERM=dumb / no colours).
    public let colorMode: ColorMode
    /// A note for the user when a fallback terminal type was used, else nil.
    public let startupWarning: String?
    private var screen: OpaquePointer?
    private var pairs: CursesColorPairs?
    private var previous: TextCanvas?
    private var previousStyleKey: String = ""
    private var immediateErrors = 0
    private var active = true
    /// What the terminal holds of the frames' pixel images (kitty ids sent, sixels drawn).
    private var images: ImageFrameWriter

    /// Starts curses. Installs the quit-signal handlers first (so ncurses keeps out of SIGINT,
    /// SIGTERM and SIGHUP) and the crash handlers that restore the terminal.
    /// - Parameter environment: The process environment (TERM, NO_COLOR).
    /// - Throws: `CursesTerminalError` when there is no terminal or no usable terminal type.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw CursesTerminalError.notATerminal }
        termguard_save()
        termguard_install_quit_handlers()
        termguard_install_crash_handlers()
        setlocale(LC_ALL, "")
        images = ImageFrameWriter(inTmux: !(environment["TMUX"] ?? "").isEmpty)
        let term = environment["TERM"] ?? ""
        let fallbacks = ["xterm", "vt100"]
        var chosen: String?
        for candidate in (term.isEmpty ? [] : [term]) + fallbacks {
            if let opened = aelab_newterm(candidate) {
                screen = opened
                chosen = candidate
                break
            }
        }
        guard let chosen else { throw CursesTerminalError.unknownTerminal(term: term, tried: fallbacks) }
        startupWarning = chosen == term ? nil : "TERM=\"\(term)\" is unknown to terminfo; drawing as \(chosen)"
        cbreak()
        noecho()
        _ = aelab_keypad_on()
        set_escdelay(25)
        _ = aelab_mouse_off()
        curs_set(0)
        var colors = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(aelab_colors())
        }
        var detected = environment
        detected["TERM"] = term.isEmpty ? chosen : term
        colorMode = ColorMode.detect(environment: detected, terminalColors: colors)
        pairs = colorMode == .none ? nil : CursesColorPairs()
    }

    deinit { shutdown() }

    /// Ends curses and restores the saved terminal state; safe to call more than once.
    public func shutdown() {
        guard active else { return }
        active = false
        writeRaw(images.deleteAll())
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
        termguard_restore()
    }

    public var size: TerminalSize {
        TerminalSize(columns: Int(aelab_cols()), rows: Int(aelab_lines()))
    }

    public var cellPixels: CellPixels? {
        var width: Int32 = 0
        var height: Int32 = 0
        guard aelab_cell_pixels(&width, &height) == 1 else { return nil }
        return CellPixels(width: Int(width), height: Int(height))
    }

    public func readKey(timeoutMs: Int) -> TerminalInput? {
        if let signal = quitSignal() { return signal }
        aelab_set_timeout(Int32(max(0, timeoutMs)))
        let started = DispatchTime.now().uptimeNanoseconds
        var value: Int32 = 0
        let status = aelab_read_key(&value)
        if let signal = quitSignal() { return signal }
        switch status {
        case 0:
            immediateErrors = 0
            return CursesKeyDecoder.character(value).map { .key($0) }
        case 1:
            immediateErrors = 0
            if value == aelab_key_resize() {
                previous = nil
                return .resize(size)
            }
            return CursesKeyDecoder.keyCode(value).map { .key($0) }
        default:
            // A closed terminal makes every read fail at once; a live one waits the timeout.
            let waitedMs = Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
            immediateErrors = timeoutMs >= 10 && waitedMs < timeoutMs / 2 ? immediateErrors + 1 : 0
            return immediateErrors >= 3 ? .eof : nil
        }
    }

    public func present(_ frame: TextCanvas, theme: Theme, colorMode requested: ColorMode) {
        let mode =
            colorMode == .none ? .none : (requested == .colors256 && colorMode == .colors8 ? .colors8 : requested)
        let styleKey = "\(theme.name)|\(mode.rawValue)|\(theme.background)"
        let full =
            previous == nil || previous?.width != frame.width || previous?.height != frame.height
            || styleKey != previousStyleKey
        if full {
            _ = aelab_erase_screen()
            images.screenErased()
        }
        // kitty images the terminal holds already are shown by their ids (placeholder colours);
        // new ones go out before the cells that show them, sixels after curses drew their cells
        var canvas = frame
        let imageBytes = images.bytes(for: &canvas)
        writeRaw(imageBytes.beforeCells)
        for y in 0..<canvas.height {
            for x in 0..<canvas.width {
                let cell = canvas[x, y]
                if !full, let previous, previous[x, y] == cell { continue }
                let style = CursesStyle(cell: cell, theme: theme, colorMode: mode)
                let pair = pairs?.pair(foreground: style.foreground, background: style.background) ?? 0
                let scalars = cell.glyph.unicodeScalars
                if scalars.count == 1, let scalar = scalars.first {
                    _ = aelab_put_cell(Int32(y), Int32(x), wchar_t(bitPattern: scalar.value), style.attributes, pair)
                } else {
                    // a base and combining marks (a kitty placeholder): one cell, up to 5 code points
                    let text = scalars.prefix(5).map { wchar_t(bitPattern: $0.value) } + [0]
                    _ = text.withUnsafeBufferPointer {
                        aelab_put_cell_text(Int32(y), Int32(x), $0.baseAddress, style.attributes, pair)
                    }
                }
            }
        }
        _ = aelab_refresh_screen()
        writeRaw(imageBytes.afterCells)
        previous = canvas
        previousStyleKey = styleKey
    }

    public func repaint() {
        previous = nil
        images.reset()
        _ = aelab_clear_screen()
    }

    /// Writes bytes straight to the terminal after curses has flushed its own (image escapes,
    /// which curses cannot carry); sixels save and restore the cursor around themselves.
    private func writeRaw(_ text: String) {
        guard !text.isEmpty else { return }
        fflush(nil)
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }

    private func quitSignal() -> TerminalInput? {
        let number = termguard_quit_signal()
        return number == 0 ? nil : .signal(number)
    }
}
