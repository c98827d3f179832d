// TerminalFacts: what decides the image protocol, gathered once: tmux and its passthrough
// setting, mosh (which drops image escapes), and the terminal's answers to the graphics probe.
// `aelab doctor` reports them; the workbench picks its protocol from them before curses starts.
import Foundation
import Workbench

struct TerminalFacts {
    var inTmux: Bool
    /// `tmux show -gv allow-passthrough` (nil outside tmux or when tmux does not say).
    var tmuxPassthrough: String?
    var mosh: Bool
    /// The probe's replies (nil when not probed, under mosh, or without a terminal).
    var replies: TerminalImageReplies?

    /// - Parameter probe: ask the terminal (TerminalProbe: up to 0.5 s when it does not answer).
    init(environment env: [String: String], probe: Bool) {
        inTmux = !(env["TMUX"] ?? "").isEmpty
        mosh = env.keys.contains { $0.hasPrefix("MOSH") } || Self.ancestorNames().contains { $0.hasPrefix("mosh") }
        tmuxPassthrough = inTmux ? Self.output(["tmux", "show", "-gv", "allow-passthrough"]) : nil
        let passthrough = DoctorReport.passthroughOn(tmuxPassthrough) == true
        replies = probe && !mosh ? TerminalProbe.ask(inTmux: inTmux, passthrough: passthrough) : nil
    }

    /// The protocol for `mode` with these facts, and why.
    func choice(_ mode: ImageMode) -> ImageProtocolChoice {
        ImageProtocolChoice(
            mode: mode, replies: replies, inTmux: inTmux, tmuxPassthrough: DoctorReport.passthroughOn(tmuxPassthrough),
            mosh: mosh)
    }

    /// A command's trimmed standard output, or nil when it fails.
    static func output(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Names of the parent processes up to init, from /proc (empty off Linux).
    static func ancestorNames() -> [String] {
        var names: [String] = []
        var pid = getppid()
        for _ in 0..<32 where pid > 1 {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")")
            else { break }
            names.append(String(stat[stat.index(after: open)..<close]))
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 1, let parent = Int32(fields[1]) else { break }
            pid = parent
        }
        return names
    }
}
