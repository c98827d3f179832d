// WorkbenchFaultTmuxTests: the real workbench in tmux meeting faults: suspended with ctrl-z
// or SIGTSTP and continued with `fg`; SIGTERM arriving while a save is being written and frames
// are being drawn; saving into a full disk, a file-size limit or a read-only folder.
import AutoencoderKit
import Formats
import Foundation
import TestSupport
import Testing

@Suite(
    "Workbench faults in tmux", .serialized,
    .enabled(
        if: TmuxDriver.tmuxAvailable && TmuxDriver.binary != nil,
        "needs tmux and the built binary (make test builds it)"))
struct WorkbenchFaultTmuxTests {
    static let environment = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"]

    @Test(
        "ctrl-z and SIGTSTP suspend it to the shell; fg brings the dashboard back and training goes on",
        arguments: ["C-z", "TSTP"])
    func suspendAndContinue(_ how: String) throws {
        let binary = try #require(TmuxDriver.binary)
        let seed = how == "C-z" ? 21 : 22
        let autosave = NSTemporaryDirectory() + "aelab-e2e-tstp-\(getpid())-\(seed)"
        defer { try? FileManager.default.removeItem(atPath: autosave) }
        let command = "'\(binary)' --data samples/digits-500 --epochs 100000 --seed \(seed) --autosave-dir \(autosave)"
        let tmux = try TmuxDriver(command: command, environment: Self.environment, interactive: true)
        let running = tmux.waitFor { $0.contains("RUNNING") && $0.contains("? help") }
        #expect(running.matched, "no dashboard:\n\(running.screen)")

        if how == "C-z" {
            tmux.send("C-z")
        } else {
            _ = try TmuxDriver.run([
                "pkill", "-TSTP", "-f", "^\(binary) --data samples/digits-500 --epochs 100000 --seed \(seed)",
            ])
        }
        let stopped = tmux.waitFor { $0.contains("Stopped") }
        #expect(stopped.matched, "\(how): the shell did not report the job stopped:\n\(stopped.screen)")
        #expect(!stopped.screen.contains("? help"), "\(how): the dashboard is still on screen:\n\(stopped.screen)")
        let pausedEpoch = epochOnStatusLine(running.screen) ?? 0

        tmux.send("fg", "Enter")
        let back = tmux.waitFor { $0.contains("RUNNING") && $0.contains("? help") && !$0.contains("Stopped") }
        #expect(back.matched, "\(how): the dashboard did not come back after fg:\n\(back.screen)")
        let resumedEpoch = epochOnStatusLine(back.screen) ?? 0
        let trains = tmux.waitFor { (epochOnStatusLine($0) ?? 0) > max(resumedEpoch, pausedEpoch) }
        #expect(trains.matched, "\(how): training did not go on after fg:\n\(trains.screen)")

        tmux.send("q")
        tmux.finishInteractive()
        let exited = tmux.waitFor { TmuxDriver.exitStatus($0) == 0 }
        #expect(exited.matched, "\(how): did not quit cleanly:\n\(exited.screen)")
        _ = tmux.waitFor(seconds: 5) { _ in tmux.settingsAfterExit != nil }
        let stty = tmux.settingsAfterExit ?? ""
        #expect(stty.contains(" icanon") && stty.contains(" echo"), "\(how): terminal not restored: \(stty)")
    }

    @Test("SIGTERM during a save and a burst of frames: the saved and the autosaved checkpoints are whole")
    func signalDuringSaveAndFrames() throws {
        let binary = try #require(TmuxDriver.binary)
        let root = try AelabProcess.scratch("save-term")
        defer { try? FileManager.default.removeItem(atPath: root) }
        // a 784-1024-784 model: a 19 MB checkpoint takes a while to write
        let command =
            "'\(binary)' --data samples/digits-500 --layers 1024 --epochs 100000 --seed 31 --save-dir \(root)/runs --autosave-dir \(root)/autosave"
        let tmux = try TmuxDriver(command: command, environment: Self.environment)
        #expect(tmux.waitFor { $0.contains("RUNNING") && $0.contains("? help") }.matched)
        // frames: views switch and the window changes size while the save is asked for
        tmux.send("tab", "tab", "s", "tab")
        tmux.resize(columns: 90, rows: 28)
        _ = try TmuxDriver.run(["pkill", "-TERM", "-f", "^\(binary) --data samples/digits-500 --layers 1024"])
        let exited = tmux.waitFor { $0.contains("exit=") }
        #expect(exited.screen.contains("exit=143"), "exit status after SIGTERM:\n\(exited.screen)")
        #expect(exited.screen.contains("aelab: saved undercomplete"), "no autosave:\n\(exited.screen)")
        let autosaved = try Checkpoint.read(path: root + "/autosave/undercomplete/checkpoint.safetensors")
        try HeadlessSignalTests.expectWholeLines(root + "/autosave/undercomplete/metrics.jsonl", "autosave")
        // the `s` save ran before the stop or not at all; if it ran, it is whole
        let saved = root + "/runs/undercomplete/checkpoint.safetensors"
        if FileManager.default.fileExists(atPath: saved) {
            let contents = try Checkpoint.read(path: saved)
            #expect(contents.step <= autosaved.step)
            try HeadlessSignalTests.expectWholeLines(root + "/runs/undercomplete/metrics.jsonl", "save")
        }
        let leftovers = ((try? FileManager.default.subpathsOfDirectory(atPath: root)) ?? []).filter {
            $0.contains(".tmp-")
        }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
        _ = tmux.waitFor(seconds: 5) { _ in tmux.settingsAfterExit != nil }
        let stty = tmux.settingsAfterExit ?? ""
        #expect(stty.contains(" icanon") && stty.contains(" echo"), "terminal not restored: \(stty)")
    }

    /// The "loss 0.1234" text of the status line (the last line), or nil.
    static func statusLoss(_ screen: String) -> String? {
        guard let line = screen.split(separator: "\n").last(where: { $0.contains("? help") }),
            let range = line.range(of: #"loss [0-9.]+"#, options: .regularExpression)
        else { return nil }
        return String(line[range])
    }

    /// Writes a whole checkpoint with `aelab train` to `folder`. - Returns: its bytes.
    static func previousCheckpoint(in folder: String) throws -> [UInt8] {
        let made = try AelabProcess.run([
            "train", "--data", AelabProcess.packageRoot + "/samples/digits-500", "--epochs", "1", "--out", folder,
        ])
        #expect(made.status == 0, "\(made.errors)")
        return try AtomicFile.read(folder + "/checkpoint.safetensors")
    }

    /// Starts the workbench under `limits` (shell commands), presses `s`, and checks the status
    /// line names `reason`, training goes on, and the previous checkpoint is untouched.
    func saveFails(prefix limits: String, root: String, reason: String) throws {
        let binary = try #require(TmuxDriver.binary)
        let folder = root + "/runs/undercomplete"
        let before = try Self.previousCheckpoint(in: folder)
        let command =
            "\(limits) '\(binary)' --data samples/digits-500 --epochs 100000 --save-dir \(root)/runs --autosave-dir \(root)/autosave"
        let tmux = try TmuxDriver(command: command, environment: Self.environment)
        let running = tmux.waitFor { $0.contains("RUNNING") && $0.contains("? help") }
        #expect(running.matched, "no dashboard:\n\(running.screen)")
        tmux.send("s")
        let failed = tmux.waitFor { $0.contains("save failed, \(reason)") }
        #expect(failed.matched, "no save error on the status line:\n\(failed.screen)")
        // the error takes most of the status line; the batch loss beside RUNNING still moves
        let loss = Self.statusLoss(failed.screen)
        #expect(loss != nil, "no loss on the status line:\n\(failed.screen)")
        #expect(
            tmux.waitFor { Self.statusLoss($0) != loss && $0.contains("RUNNING") }.matched,
            "training stopped after the failed save")
        #expect(try AtomicFile.read(folder + "/checkpoint.safetensors") == before, "the previous checkpoint changed")
        try HeadlessSignalTests.expectWholeLines(folder + "/metrics.jsonl", "after a failed save")
        tmux.send("q")
        let exited = tmux.waitFor { $0.contains("exit=") }
        #expect(
            exited.screen.contains("could not autosave undercomplete") && exited.screen.contains("exit=1"),
            "autosave failure not reported:\n\(exited.screen)")
    }

    @Test("a file-size limit makes the save fail on screen; training goes on; the previous checkpoint stays")
    func fileSizeLimit() throws {
        let root = try AelabProcess.scratch("fsize")
        defer { try? FileManager.default.removeItem(atPath: root) }
        // 200 KiB: less than a 616 KB checkpoint of 784-32-784, more than the metrics lines
        try saveFails(prefix: "ulimit -f 200;", root: root, reason: "File too large (EFBIG)")
    }

    /// Mounts a tmpfs of `size` at a new folder; nil where mounting is not allowed (not root,
    /// a container without the capability).
    static func mountTmpfs(size: String) -> String? {
        guard getuid() == 0, let folder = try? AelabProcess.scratch("tmpfs") else { return nil }
        let mounted = try? ChildProcess.run(
            "/usr/bin/env", ["mount", "-t", "tmpfs", "-o", "size=\(size)", "tmpfs", folder])
        if mounted?.status == 0 { return folder }
        try? FileManager.default.removeItem(atPath: folder)
        return nil
    }

    static func unmount(_ folder: String) {
        _ = try? ChildProcess.run("/usr/bin/env", ["umount", folder])
        try? FileManager.default.removeItem(atPath: folder)
    }

    @Test(
        "a full disk and a read-only folder (tmpfs, as root): the save fails on screen, training goes on, the previous checkpoint stays"
    )
    func fullAndReadOnlyDisk() throws {
        guard let root = Self.mountTmpfs(size: "1m") else {
            print("WorkbenchFaultTmuxTests: skipped the tmpfs case (mounting needs root and the capability)")
            return
        }
        defer { Self.unmount(root) }
        // 1 MiB holds one 616 KB checkpoint, not a second beside it
        try saveFails(prefix: "", root: root, reason: "No space left on device (ENOSPC)")
        _ = try ChildProcess.run("/usr/bin/env", ["rm", "-rf", root + "/autosave"])
        let remount = try ChildProcess.run("/usr/bin/env", ["mount", "-o", "remount,ro", root])
        #expect(remount.status == 0, "\(remount.errors)")
        let binary = try #require(TmuxDriver.binary)
        let before = try AtomicFile.read(root + "/runs/undercomplete/checkpoint.safetensors")
        let command =
            "'\(binary)' --data samples/digits-500 --epochs 100000 --save-dir \(root)/runs --autosave-dir \(root)/autosave"
        let tmux = try TmuxDriver(command: command, environment: Self.environment)
        #expect(tmux.waitFor { $0.contains("RUNNING") && $0.contains("? help") }.matched)
        tmux.send("s")
        let failed = tmux.waitFor { $0.contains("save failed, Read-only file system (EROFS)") }
        #expect(failed.matched, "no read-only error on the status line:\n\(failed.screen)")
        #expect(try AtomicFile.read(root + "/runs/undercomplete/checkpoint.safetensors") == before)
        tmux.send("q")
        #expect(tmux.waitFor { $0.contains("exit=1") }.matched)
    }
}
