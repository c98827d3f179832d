// PairingTmuxTests: the real binary in tmux: pair `undercomplete` with `sparse-kl` by
// keystroke, step two epochs, and read both runs' figures from the compare view.
import Foundation
import Testing

@Suite(
    "Pairing in tmux", .serialized,
    .enabled(
        if: TmuxDriver.tmuxAvailable && TmuxDriver.binary != nil,
        "needs tmux and the built binary (make test builds it)"))
struct PairingTmuxTests {
    /// The two numbers of a compare-table row ("recon  0.178  0.201  0.023").
    static func row(_ label: String, in screen: String) -> [Double]? {
        guard
            let line = screen.split(separator: "\n").first(where: {
                $0.contains("│\(label) ") || $0.contains("|\(label) ")
            })
        else { return nil }
        let cell =
            line.split(separator: "│").last(where: { $0.hasPrefix(label) })
            ?? line.split(separator: "|").last(where: { $0.hasPrefix(label) })
        guard let cell else { return nil }
        let numbers = cell.split(separator: " ").dropFirst().compactMap { Double($0) }
        return numbers.count >= 2 ? Array(numbers.prefix(2)) : nil
    }

    @Test("undercomplete paired with sparse-kl steps two epochs in lockstep and shows both figures")
    func pairAndCompare() throws {
        let binary = try #require(TmuxDriver.binary)
        let autosave = NSTemporaryDirectory() + "aelab-e2e-pair-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: autosave) }
        let tmux = try TmuxDriver(
            command: "'\(binary)' --paused --data samples/digits-500 --autosave-dir \(autosave)",
            columns: 100, rows: 30, environment: ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"])
        let start = tmux.waitFor { $0.contains("PAUSED") && $0.contains("undercomplete") }
        #expect(start.matched, "no dashboard:\n\(start.screen)")
        tmux.send("c")
        // the picker lists the presets by number and name
        let picker = tmux.waitFor { $0.contains("pair with which preset?") }
        #expect(picker.matched, "no picker after c:\n\(picker.screen)")
        #expect(
            picker.screen.contains("1  undercomplete") && picker.screen.contains("2  sparse-kl")
                && picker.screen.contains("5  denoising-mask"), "picker:\n\(picker.screen)")
        tmux.send("2")
        let paired = tmux.waitFor { $0.contains("sparse-kl") && !$0.contains("pair with which preset?") }
        #expect(paired.matched, "no sparse-kl run after c 2:\n\(paired.screen)")
        tmux.send("v")
        tmux.send("n")
        #expect(tmux.waitFor { epochOnStatusLine($0) == 1 && $0.contains("PAUSED") }.matched)
        tmux.send("n")
        let compared = tmux.waitFor(seconds: 40) {
            epochOnStatusLine($0) == 2 && $0.contains("PAUSED") && $0.contains("paired")
        }
        #expect(compared.matched, "compare view did not reach epoch 2:\n\(compared.screen)")
        let screen = compared.screen
        #expect(screen.contains("undercomplete") && screen.contains("sparse-kl"), "both runs named:\n\(screen)")
        let recon = try #require(Self.row("recon", in: screen), "no recon row:\n\(screen)")
        #expect(recon.allSatisfy { $0 > 0 && $0 < 1 }, "reconstruction errors in BCE/px: \(recon)")
        #expect(recon[0] != recon[1], "different settings, different errors: \(recon)")
        // what the two share at the start, in words
        #expect(screen.contains("start: same batch order; the 32 code"), "no start line:\n\(screen)")
        tmux.send("q")
        #expect(tmux.waitFor { $0.contains("exit=0") }.matched)
    }
}
