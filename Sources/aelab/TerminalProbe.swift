// TerminalProbe: asks the terminal on /dev/tty which image protocol it speaks, before curses
// takes it: the kitty graphics query, then primary device attributes (`ESC [ c`), read in raw
// mode until the DA1 answer arrives or the timeout passes; the terminal settings are restored.
// Inside tmux the query is wrapped for passthrough (TerminalImageReplies.probe), and with
// passthrough on the probe waits for the outside terminal's answer, not tmux's own DA1.
import Foundation
import Workbench

enum TerminalProbe {
    /// The parsed replies, or nil when there is no terminal to ask.
    /// - Parameters:
    ///   - inTmux: `$TMUX` is set: the query goes wrapped for passthrough.
    ///   - passthrough: tmux's `allow-passthrough` is on, so the terminal outside may answer.
    static func ask(inTmux: Bool, passthrough: Bool, timeout: Double = 0.5) -> TerminalImageReplies? {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { return nil }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        guard tcsetattr(fd, TCSANOW, &raw) == 0 else { return nil }
        defer {
            var s = saved
            tcsetattr(fd, TCSANOW, &s)
        }

        let request = TerminalImageReplies.probe(inTmux: inTmux)
        let wrote = request.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        guard wrote > 0 else { return nil }
        var reply = [UInt8]()
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 256)
        while Date() < deadline {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let waitMs = Int32(max(1, deadline.timeIntervalSinceNow * 1000))
            guard poll(&pfd, 1, waitMs) > 0 else { break }
            let n = read(fd, &buffer, buffer.count)
            guard n > 0 else { break }
            reply += buffer[0..<n]
            if TerminalImageReplies(parsing: reply).isComplete(throughTmux: inTmux && passthrough) { break }
        }
        // an answer still on its way in (a timeout cut it short) would reach curses as keys
        tcflush(fd, TCIFLUSH)
        return TerminalImageReplies(parsing: reply)
    }
}
