// WorkbenchTmuxTests: the real binary in tmux, driven like a person would: start, step an
// epoch, help, resize, quit; in a UTF-8 locale and under LANG=C with TERM=xterm.
import Foundation
import Testing

/// The epoch number on the status line ("epoch 3/20").
func epochOnStatusLine(_ screen: String) -> Int? {
    guard let line = screen.split(separator: "\n").last(where: { $0.contains("epoch ") }),
        let range = line.range(of: #"epoch \d+"#, options: .regularExpression)
    else { return nil }
    return Int(line[range].dropFirst(6))
}

@Suite(
    "Workbench in tmux", .serialized,
    .enabled(
        if: TmuxDriver.tmuxAvailable && TmuxDriver.binary != nil,
        "needs tmux and the built binary (make test builds it)"))
struct WorkbenchTmuxTests {
    static let environments: [(String, [String: String])] = [
        ("UTF-8", ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"]),
        ("LANG=C, TERM=xterm", ["LANG": "C", "LC_ALL": "C", "TERM": "xterm"]),
    ]

    @Test(
        "start, step one epoch, help, resize to 60x20 and back, quit with the terminal restored",
        arguments: [0, 1])
    func session(_ which: Int) throws {
        let (label, environment) = Self.environments[which]
        let binary = try #require(TmuxDriver.binary)
        let autosave = NSTemporaryDirectory() + "aelab-e2e-quit-\(getpid())-\(which)"
        defer { try? FileManager.default.removeItem(atPath: autosave) }
        let tmux = try TmuxDriver(
            command: "'\(binary)' --paused --data samples/digits-500 --seed \(which + 1) --autosave-dir \(autosave)",
            environment: environment)

        let dashboard = tmux.waitFor { $0.contains("PAUSED") && $0.contains("? help") }
        #expect(dashboard.matched, "\(label): no dashboard:\n\(dashboard.screen)")
        let before = try #require(epochOnStatusLine(dashboard.screen), "\(label): no epoch on\n\(dashboard.screen)")
        if which == 1 {
            let unicode = dashboard.screen.unicodeScalars.contains { $0.value > 127 }
            #expect(!unicode, "\(label): non-ASCII glyphs under LANG=C:\n\(dashboard.screen)")
        } else {
            #expect(dashboard.screen.contains("▀"), "\(label): no half-block images")
        }

        tmux.send("n")
        let stepped = tmux.waitFor { epochOnStatusLine($0) == before + 1 && $0.contains("PAUSED") }
        #expect(stepped.matched, "\(label): epoch did not advance by one:\n\(stepped.screen)")
        usleep(500_000)
        #expect(epochOnStatusLine(tmux.screen()) == before + 1, "\(label): kept training after the step")

        tmux.send("?")
        let help = tmux.waitFor { $0.contains("step one epoch") && $0.contains("quit") }
        #expect(help.matched, "\(label): no help overlay:\n\(help.screen)")
        tmux.send("Escape")

        tmux.resize(columns: 60, rows: 20)
        let small = tmux.waitFor { $0.contains("terminal too small: 60 x 20, needs 80 x 24") }
        #expect(small.matched, "\(label): no too-small notice:\n\(small.screen)")
        tmux.resize(columns: 100, rows: 30)
        let back = tmux.waitFor { $0.contains("? help") && !$0.contains("too small") }
        #expect(back.matched, "\(label): dashboard did not come back:\n\(back.screen)")

        tmux.send("q")
        let exited = tmux.waitFor { $0.contains("exit=0") }
        #expect(exited.matched, "\(label): did not exit cleanly:\n\(exited.screen)")
        #expect(exited.screen.contains("aelab: quit"), "\(label): no exit message:\n\(exited.screen)")
        let settings = tmux.waitFor(seconds: 5) { _ in tmux.settingsAfterExit != nil }
        _ = settings
        let stty = tmux.settingsAfterExit ?? ""
        #expect(stty.contains(" icanon") && stty.contains(" echo"), "\(label): terminal not restored: \(stty)")
    }

    @Test("without --epochs the run trains past the preset's 20 epochs until paused; with --epochs it stops there")
    func openEndedByDefault() throws {
        let binary = try #require(TmuxDriver.binary)
        let autosave = NSTemporaryDirectory() + "aelab-e2e-open-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: autosave) }
        let open = try TmuxDriver(
            command: "'\(binary)' --data samples/digits-500 --autosave-dir \(autosave)",
            environment: Self.environments[0].1)
        let past = open.waitFor(seconds: 60) { (epochOnStatusLine($0) ?? 0) > 21 && $0.contains("RUNNING") }
        #expect(past.matched, "the run did not go past epoch 20:\n\(past.screen)")
        #expect(!past.screen.contains("/20"), "an epoch limit is shown:\n\(past.screen)")
        open.send("q")
        #expect(open.waitFor { $0.contains("exit=0") }.matched)

        let bounded = try TmuxDriver(
            command: "'\(binary)' --data samples/digits-500 --epochs 3 --autosave-dir \(autosave)",
            environment: Self.environments[0].1)
        let finished = bounded.waitFor(seconds: 60) { $0.contains("FINISHED") }
        #expect(finished.matched && finished.screen.contains("epoch 3/3"), "no FINISHED at 3/3:\n\(finished.screen)")
        bounded.send("q")
        #expect(bounded.waitFor { $0.contains("exit=0") }.matched)
    }

    @Test(
        "SIGINT, ctrl-c, SIGTERM and SIGHUP stop the workbench with the terminal restored and exit 128+N",
        arguments: ["INT", "C-c", "TERM", "HUP"])
    func signals(_ signal: String) throws {
        let binary = try #require(TmuxDriver.binary)
        let seed = ["TERM": 11, "HUP": 12, "INT": 13, "C-c": 14][signal] ?? 10
        let autosave = NSTemporaryDirectory() + "aelab-e2e-autosave-\(getpid())-\(seed)"
        let command = "'\(binary)' --data samples/digits-500 --seed \(seed) --autosave-dir \(autosave)"
        // ctrl-c goes to the terminal's foreground group: an interactive shell (which ignores it)
        let tmux = try TmuxDriver(
            command: command, environment: ["LANG": "C.UTF-8", "TERM": "xterm-256color"], interactive: signal == "C-c")
        defer { try? FileManager.default.removeItem(atPath: autosave) }
        #expect(tmux.waitFor { $0.contains("RUNNING") }.matched)
        if signal == "C-c" {
            tmux.send("C-c")  // the terminal turns it into SIGINT (curses keeps ISIG on)
        } else {
            _ = try TmuxDriver.run(["pkill", "-\(signal)", "-f", "^\(binary) --data samples/digits-500 --seed \(seed)"])
        }
        let number = ["TERM": 15, "HUP": 1][signal] ?? 2
        if signal == "C-c" { tmux.finishInteractive() }
        let exited = tmux.waitFor { TmuxDriver.exitStatus($0) != nil }
        #expect(TmuxDriver.exitStatus(exited.screen) == 128 + number, "exit status after \(signal):\n\(exited.screen)")
        #expect(
            exited.screen.contains("stopped by signal \(number)") || exited.screen.contains("hang-up"),
            "no exit message:\n\(exited.screen)")
        #expect(exited.matched, "no exit after SIG\(signal):\n\(exited.screen)")
        #expect(
            exited.screen.contains("aelab: saved undercomplete"),
            "no autosave message after SIG\(signal):\n\(exited.screen)")
        let checkpoint = autosave + "/undercomplete/checkpoint.safetensors"
        #expect(FileManager.default.fileExists(atPath: checkpoint), "no autosaved checkpoint at \(checkpoint)")
        _ = tmux.waitFor(seconds: 5) { _ in tmux.settingsAfterExit != nil }
        let stty = tmux.settingsAfterExit ?? ""
        #expect(stty.contains(" icanon") && stty.contains(" echo"), "terminal not restored after SIG\(signal): \(stty)")
    }
}
