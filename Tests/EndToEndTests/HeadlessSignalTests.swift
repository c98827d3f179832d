// HeadlessSignalTests: `aelab train --out` stopped by signals at chosen moments: SIGINT,
// SIGTERM and SIGHUP between batches, SIGTSTP then SIGCONT, SIGKILL and a second SIGINT in the
// middle of a checkpoint write, SIGHUP under nohup. The files must be whole afterwards and the
// run must resume exactly.
import AutoencoderKit
import Formats
import Foundation
import TestSupport
import Testing

@Suite(
    "Headless training under signals", .serialized,
    .enabled(if: AelabProcess.binary != nil, "the aelab binary is not built"))
struct HeadlessSignalTests {
    static let data = AelabProcess.packageRoot + "/samples/digits-500"
    static let small = ["--data", data, "--layers", "16", "--batch", "16", "--threads", "1"]

    static func start(_ arguments: [String], in root: String, label: String) throws -> SpawnedProcess {
        try SpawnedProcess(
            try #require(AelabProcess.binary), arguments,
            outputPath: root + "/\(label).out", errorsPath: root + "/\(label).err")
    }

    /// metrics.jsonl exists (unless `mayBeAbsent`), ends with a newline and every line is a JSON
    /// object with an event.
    static func expectWholeLines(_ path: String, _ context: String, mayBeAbsent: Bool = false) throws {
        let exists = FileManager.default.fileExists(atPath: path)
        #expect(exists || mayBeAbsent, "\(context): \(path) is missing")
        guard exists else { return }
        let text = String(decoding: try AtomicFile.read(path), as: UTF8.self)
        #expect(text.isEmpty || text.hasSuffix("\n"), "\(context): \(path) ends mid-line")
        let records = try CSVExport.records(jsonLines: text, source: path)
        #expect(records.allSatisfy { $0.value(for: "event") != nil }, "\(context): a record without event")
    }

    /// Names of checkpoint temporaries in `folder` (a write in progress, or left by a kill).
    static func temporaries(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter {
            $0.hasPrefix(".checkpoint.safetensors.tmp-")
        }
    }

    /// Whether `signal` is pending for process `pid` (its SigPnd or ShdPnd bit in /proc).
    static func pending(_ pid: pid_t, _ signal: Int32) -> Bool {
        // (procfs files report size 0; AtomicFile.read reads to the end regardless)
        guard let bytes = try? AtomicFile.read("/proc/\(pid)/status") else { return false }
        let status = String(decoding: bytes, as: UTF8.self)
        let bit = UInt64(1) << UInt64(signal - 1)
        return status.split(separator: "\n").contains { line in
            guard line.hasPrefix("SigPnd:") || line.hasPrefix("ShdPnd:"),
                let mask = UInt64(line.split(separator: "\t").last ?? "", radix: 16)
            else { return false }
            return mask & bit != 0
        }
    }

    @Test(
        "SIGINT stops after the batch in progress, saves that step, and resuming ends where an uninterrupted run ends")
    func interruptAndResume() throws {
        let root = try AelabProcess.scratch("sigint")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let epochs = ["--epochs", "150"]
        let straight = try AelabProcess.run(["train"] + Self.small + epochs + ["--out", root + "/straight"])
        #expect(straight.status == 0, "\(straight.errors)")

        let run = try Self.start(
            ["train"] + Self.small + epochs + ["--out", root + "/split"], in: root, label: "split")
        #expect(run.waitForOutput { $0.contains("epoch 2/150") }, "no second epoch:\n\(run.output)\(run.errors)")
        run.send(SIGINT)
        #expect(run.wait() == 130, "exit status after SIGINT; output:\n\(run.output)\(run.errors)")
        let message = try #require(
            run.output.split(separator: "\n").last { $0.hasPrefix("interrupted by SIGINT in epoch ") },
            "no message:\n\(run.output)")
        #expect(
            message.contains(
                "checkpoint saved to \(root)/split/checkpoint.safetensors; continue with: aelab train --resume \(root)/split"
            ))
        let stepRange = try #require(message.range(of: #"\(step \d+\)"#, options: .regularExpression))
        let stepText = message[stepRange].dropFirst(6).dropLast()
        let saved = try Checkpoint.read(path: root + "/split/checkpoint.safetensors")
        #expect(saved.step == Int(stepText), "the checkpoint is not at the step the message names: \(message)")
        #expect(saved.epoch < 150)
        try Self.expectWholeLines(root + "/split/metrics.jsonl", "after SIGINT")

        let resumed = try AelabProcess.run([
            "train", "--resume", root + "/split", "--threads", "1", "--out", root + "/split",
        ])
        #expect(resumed.status == 0, "\(resumed.errors)")
        let a = try RunFilesCommandTests.lastEpoch(root + "/straight")
        let b = try RunFilesCommandTests.lastEpoch(root + "/split")
        #expect(a.value(for: "epoch") == 150 && b.value(for: "epoch") == 150)
        #expect(a.value(for: "train_bce_per_pixel") == b.value(for: "train_bce_per_pixel"))
        #expect(a.value(for: "val_bce_per_pixel") == b.value(for: "val_bce_per_pixel"))
        let weights = try ["straight", "split"].map {
            try Checkpoint.read(path: root + "/\($0)/checkpoint.safetensors").tensor(named: "decoder.0.weight")
        }
        #expect(weights[0] == weights[1], "resumed weights differ from the uninterrupted run's")
    }

    @Test(
        "SIGTERM and SIGHUP stop it the same way; a hang-up ignored at start (nohup) is left ignored",
        arguments: [SIGTERM, SIGHUP])
    func otherQuitSignals(_ signal: Int32) throws {
        let root = try AelabProcess.scratch("sig\(signal)")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let arguments = ["train"] + Self.small + ["--epochs", "100000", "--out", root + "/run"]
        let run = try Self.start(arguments, in: root, label: "run")
        #expect(run.waitForOutput { $0.contains("epoch 1/") })
        run.send(signal)
        #expect(run.wait() == 128 + signal, "output:\n\(run.output)\(run.errors)")
        let name = signal == SIGTERM ? "SIGTERM" : "SIGHUP"
        #expect(run.output.contains("interrupted by \(name) in epoch "), "\(run.output)")
        _ = try Checkpoint.read(path: root + "/run/checkpoint.safetensors")
        try Self.expectWholeLines(root + "/run/metrics.jsonl", "after \(name)")
        guard signal == SIGHUP else { return }

        // nohup: SIGHUP ignored before exec stays ignored; SIGTERM still stops the run
        let binary = try #require(AelabProcess.binary)
        let quoted = ([binary] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let nohup = try SpawnedProcess(
            "/bin/sh", ["-c", "trap '' HUP; exec \(quoted)"], outputPath: root + "/nohup.out",
            errorsPath: root + "/nohup.err")
        #expect(nohup.waitForOutput { $0.contains("aelab train:") })
        nohup.send(SIGHUP)
        let before = nohup.output.components(separatedBy: "\nepoch ").count
        #expect(
            nohup.waitForOutput(seconds: 20) { $0.components(separatedBy: "\nepoch ").count >= before + 3 },
            "stopped after an ignored SIGHUP:\n\(nohup.output)")
        nohup.send(SIGTERM)
        #expect(nohup.wait() == 128 + SIGTERM)
    }

    /// The process state letter from /proc/PID/stat ("R", "S", "T" stopped, ...), or nil.
    static func state(_ pid: pid_t) -> Character? {
        guard let bytes = try? AtomicFile.read("/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: close)...].first { $0 != " " }
    }

    @Test("SIGTSTP stops headless training and SIGCONT continues it to the end; the files are whole")
    func stopAndContinue() throws {
        let root = try AelabProcess.scratch("sigtstp")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let run = try Self.start(
            ["train"] + Self.small + ["--epochs", "150", "--out", root + "/run"], in: root, label: "run")
        #expect(run.waitForOutput { $0.contains("epoch 2/150") })
        run.send(SIGTSTP)
        var polls = 0
        while Self.state(run.pid) != "T" && polls < 500 {
            usleep(10_000)
            polls += 1
        }
        #expect(Self.state(run.pid) == "T", "not stopped after SIGTSTP")
        let lines = run.output.split(separator: "\n").count
        usleep(300_000)
        #expect(run.output.split(separator: "\n").count == lines, "trained on while stopped")
        run.send(SIGCONT)
        #expect(run.wait() == 0, "\(run.errors)")
        #expect(run.output.contains("epoch 150/150") && run.output.contains("metrics and checkpoint written"))
        #expect(try Checkpoint.read(path: root + "/run/checkpoint.safetensors").epoch == 150)
        try Self.expectWholeLines(root + "/run/metrics.jsonl", "after SIGTSTP and SIGCONT")
    }

    @Test(
        "SIGKILL or a second SIGINT in the middle of a checkpoint write leaves the previous checkpoint whole; the next save removes the leftovers"
    )
    func killDuringCheckpointWrite() throws {
        let root = try AelabProcess.scratch("killwrite")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = root + "/run"
        // 784-2048-784 with Adam: a 38.6 MB checkpoint, so a write takes long enough to hit
        let big = [
            "train", "--data", Self.data, "--layers", "2048", "--threads", "1", "--epochs", "100000", "--out", folder,
        ]
        let checkpoint = folder + "/checkpoint.safetensors"
        for round in 0..<6 {
            // the checkpoint now on disk (none in round 0); a finished rename replaces its inode
            let previous = try? FileManager.default.attributesOfItem(atPath: checkpoint)[.systemFileNumber] as? Int
            let run = try Self.start(big, in: root, label: "round\(round)")
            let pid = run.pid
            // wait until this process has its temporary open: a write in progress
            var writing = false
            var polls = 0
            while !writing && polls < 30_000 && !run.hasExited {
                writing = Self.temporaries(folder).contains { $0.contains(".tmp-\(pid)-") }
                if !writing { usleep(1000) }
                polls += 1
            }
            #expect(writing, "round \(round): never saw a checkpoint write in progress:\n\(run.errors)")
            let doubleInterrupt = round % 2 == 1
            if doubleInterrupt {
                // two signals sent together can merge into one (a process inside fsync takes
                // none); send the second once the first has been taken
                run.send(SIGINT)
                polls = 0
                while Self.pending(pid, SIGINT) && polls < 50_000 {
                    usleep(100)
                    polls += 1
                }
                run.send(SIGINT)
            } else {
                run.send(SIGKILL)
            }
            let status = run.wait()
            #expect(
                status == (doubleInterrupt ? 128 + SIGINT : 128 + SIGKILL),
                "round \(round): status \(status)\n\(run.errors)")
            // the kill landed inside a write: its temporary file is left
            let cut = Self.temporaries(folder).contains { $0.contains(".tmp-\(pid)-") }
            #expect(cut, "round \(round): no leftover of a write cut short\n\(run.output)")
            let now = try? FileManager.default.attributesOfItem(atPath: checkpoint)[.systemFileNumber] as? Int
            if !doubleInterrupt {
                // SIGKILL cut the epoch's write: the checkpoint on disk is the previous one, or none
                #expect(now == previous, "round \(round): the checkpoint changed under a killed write")
            }
            // (the first SIGINT lets the epoch's write finish when it arrives during its fsync;
            // the second then cuts the save of the orderly stop: either way a whole file is left)
            if now != nil { _ = try Checkpoint.read(path: checkpoint) }
            // (a kill inside the first round's first write may come before any metrics line)
            try Self.expectWholeLines(folder + "/metrics.jsonl", "round \(round)", mayBeAbsent: previous == nil)
            // let one whole save happen before the next round, so there is a previous checkpoint
            // (--overwrite: the folder holds the long run, trained past this one's single epoch)
            let whole = try AelabProcess.run([
                "train", "--data", Self.data, "--layers", "2048", "--threads", "1", "--epochs", "1", "--out", folder,
                "--overwrite",
            ])
            #expect(whole.status == 0, "\(whole.errors)")
            _ = try Checkpoint.read(path: checkpoint)
            #expect(
                Self.temporaries(folder).isEmpty, "round \(round): leftovers not removed: \(Self.temporaries(folder))")
        }
    }
}
