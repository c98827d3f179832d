// TmuxDriver: runs the real aelab binary inside a detached tmux session and reads its screen.
import Foundation
import TestSupport

/// One tmux session, on its own server socket (so parallel runs never meet), running a
/// shell command; every call shells out to tmux.
final class TmuxDriver {
    let name: String
    let marker: String

    static var packageRoot: URL { URL(fileURLWithPath: AelabProcess.packageRoot) }

    /// The aelab binary `make test` builds first, or nil.
    static var binary: String? { AelabProcess.binary }

    static var tmuxAvailable: Bool { (try? run(["tmux", "-V"]))?.status == 0 }

    /// Starts `command` in a new session of the given size; afterwards the shell writes the
    /// terminal's settings to `sttyFile` and waits, so the pane stays readable.
    /// - Parameter interactive: type the command into an interactive bash (job control: ctrl-z
    ///   and `fg`; ctrl-c reaches only the program) instead of running it under `sh -c`; the
    ///   exit line and the settings are written after the program ends (a bash list would go on
    ///   to its next command when the program is stopped).
    /// - Parameter keepTmux: leave the pane's `$TMUX` set (the program sees the tmux it runs in,
    ///   and `tmux` commands in `command` reach this server); by default it is unset.
    init(
        command: String, columns: Int = 100, rows: Int = 30, environment: [String: String] = [:],
        interactive: Bool = false, keepTmux: Bool = false
    ) throws {
        name = "aelab-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        marker = FileManager.default.temporaryDirectory.appendingPathComponent(name + ".stty").path
        let exports = environment.map { "export \($0.key)='\($0.value)';" }.joined(separator: " ")
        let unset = keepTmux ? "unset NO_COLOR;" : "unset NO_COLOR TMUX;"
        let script =
            "\(unset) \(exports) cd '\(TmuxDriver.packageRoot.path)'; \(command); echo \"exit=$?\"; stty -a > '\(marker)'; sleep 60"
        // the tmux server outlives this call and would hold a captured pipe open: no capture
        let shell = interactive ? ["env", "PS1=$ ", "bash", "--norc", "--noprofile", "-i"] : ["sh", "-c", script]
        _ = try TmuxDriver.run(
            ["tmux", "-L", name, "new-session", "-d", "-s", name, "-x", "\(columns)", "-y", "\(rows)"] + shell,
            capture: false)
        if interactive {
            _ = waitFor(seconds: 10) { $0.contains("$") }
            send("-l", "\(unset) \(exports) cd '\(TmuxDriver.packageRoot.path)'")
            send("Enter")
            send("-l", command)
            send("Enter")
        }
    }

    deinit { _ = try? TmuxDriver.run(["tmux", "-L", name, "kill-server"]) }

    /// The visible screen as text.
    func screen() -> String {
        (try? TmuxDriver.run(["tmux", "-L", name, "capture-pane", "-p", "-t", name]))?.output ?? ""
    }

    /// Sends keys in tmux's send-keys syntax ("n", "Space", "Escape", "C-c").
    func send(_ keys: String...) {
        _ = try? TmuxDriver.run(["tmux", "-L", name, "send-keys", "-t", name] + keys)
    }

    func resize(columns: Int, rows: Int) {
        _ = try? TmuxDriver.run(["tmux", "-L", name, "resize-window", "-t", name, "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// Polls the screen until `condition` holds or `seconds` pass. - Returns: the last screen.
    @discardableResult
    func waitFor(seconds: Double = 20, _ condition: (String) -> Bool) -> (matched: Bool, screen: String) {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = screen()
            if condition(last) { return (true, last) }
            usleep(100_000)
        }
        return (false, last)
    }

    /// Interactive sessions: once the program has ended and the prompt is back, types the line
    /// that prints "exit=N" and writes the terminal settings.
    func finishInteractive() {
        _ = waitFor(seconds: 30) { screen in
            screen.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }?.hasPrefix("$")
                ?? false
        }
        send("-l", "echo \"exit=$?\"; stty -a > '\(marker)'")
        send("Enter")
    }

    /// The N of an "exit=N" line on `screen`, or nil.
    static func exitStatus(_ screen: String) -> Int? {
        guard let range = screen.range(of: #"exit=\d+"#, options: .regularExpression) else { return nil }
        return Int(screen[range].dropFirst(5))
    }

    /// The terminal settings written after the program exited, or nil if it has not.
    var settingsAfterExit: String? { try? String(contentsOfFile: marker, encoding: .utf8) }

    struct Result {
        var status: Int32
        var output: String
    }

    static func run(_ arguments: [String], capture: Bool = true) throws -> Result {
        let result = try ChildProcess.run("/usr/bin/env", arguments, capture: capture)
        return Result(status: result.status, output: result.output)
    }
}
