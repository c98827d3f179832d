// AnomalyTmuxTests: the anomalies view (key A) of the real workbench in tmux with a held-out
// digit, and `aelab eval`'s anomaly figures for a run trained without one class.
import AutoencoderKit
import Foundation
import Testing

/// The AUROC on a screen or in eval output ("AUROC 0.8123 ..."), or nil.
func aurocValue(_ text: String) -> Double? {
    guard let range = text.range(of: #"AUROC \d\.\d{4}"#, options: .regularExpression) else { return nil }
    return Double(text[range].dropFirst(6))
}

@Suite(
    "Anomalies view and eval", .serialized, .enabled(if: AelabProcess.binary != nil, "the aelab binary is not built"))
struct AnomalyTmuxTests {
    static let data = AelabProcess.packageRoot + "/samples/digits-500"

    @Test(
        "key A shows the AUROC of a held-out digit on the built-in digits, with the error unit",
        .enabled(if: TmuxDriver.tmuxAvailable, "needs tmux"))
    func viewShowsAUROC() throws {
        let binary = try #require(TmuxDriver.binary)
        let autosave = try AelabProcess.scratch("anomaly-view")
        defer { try? FileManager.default.removeItem(atPath: autosave) }
        let tmux = try TmuxDriver(
            command: "'\(binary)' --paused --data digits --holdout-class 3 --layers 32 --autosave-dir \(autosave)",
            columns: 120, rows: 40, environment: ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"])
        let dashboard = tmux.waitFor(seconds: 60) { $0.contains("PAUSED") && $0.contains("? help") }
        #expect(dashboard.matched, "no dashboard:\n\(dashboard.screen)")
        tmux.send("A")
        let view = tmux.waitFor(seconds: 60) { aurocValue($0) != nil }
        #expect(view.matched, "no AUROC line:\n\(view.screen)")
        let auroc = try #require(aurocValue(view.screen))
        #expect(auroc >= 0 && auroc <= 1)
        #expect(view.screen.contains("class 3 held out of training"))
        #expect(view.screen.contains("held out (3): "))
        #expect(view.screen.contains("BCE/px"))
        #expect(view.screen.contains("worst reconstructed: input | reconstruction | error"))
        tmux.send("q")
        let exited = tmux.waitFor { $0.contains("exit=0") }
        #expect(exited.matched, "did not exit cleanly:\n\(exited.screen)")
    }

    @Test("eval of a run trained without class 3 prints its AUROC, both histograms and the worst images")
    func evalPrintsAnomalyFigures() throws {
        let root = try AelabProcess.scratch("anomaly-eval")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let train = try AelabProcess.run(
            [
                "train", "--data", Self.data, "--layers", "16", "--batch", "64", "--threads", "1", "--epochs", "1",
                "--holdout-class", "3", "--out", root + "/run",
            ])
        #expect(train.status == 0, "\(train.errors)")
        let eval = try AelabProcess.run(["eval", root + "/run", "--threads", "1"])
        #expect(eval.status == 0, "\(eval.errors)")
        let auroc = try #require(aurocValue(eval.output), "no AUROC in\n\(eval.output)")
        #expect(auroc >= 0 && auroc <= 1)
        // every evaluated image lands in exactly one histogram bin
        let lines = eval.output.split(separator: "\n")
        func counts(_ prefix: String) -> [Int] {
            lines.first { $0.hasPrefix(prefix) }.map {
                $0.dropFirst(prefix.count).split(separator: " ").compactMap { Int($0) }
            } ?? []
        }
        let normal = counts("    normal   ")
        let held = counts("    held out ")
        #expect(normal.count == 12 && held.count == 12)
        let evaluated = try #require(lines.first { $0.hasPrefix("anomaly score:") })
        #expect(evaluated.contains("\(normal.reduce(0, +) + held.reduce(0, +)) "))
        #expect(held.reduce(0, +) > 0)
        #expect(eval.output.contains("worst reconstructed ("))
    }

    @Test("--holdout-class on images without labels is refused, naming the data")
    func refusedWithoutLabels() throws {
        let root = try AelabProcess.scratch("anomaly-nolabels")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let images = root + "/scans-images.gz"
        try FileManager.default.copyItem(atPath: Self.data + "/train-images-idx3-ubyte.gz", toPath: images)
        let run = try AelabProcess.run([
            "train", "--data", images, "--holdout-class", "3", "--epochs", "1", "--out", root + "/run",
        ])
        #expect(run.status != 0)
        #expect(run.errors.contains("--holdout-class needs class labels, but scans-images has none"), "\(run.errors)")
        #expect(!FileManager.default.fileExists(atPath: root + "/run/checkpoint.safetensors"))
    }
}
