// BranchTmuxTests: the real binary in tmux: step a batch, fork with `B 1` (lr x2), show the
// tree with `T`, step an epoch in lockstep, quit (autosave), and read the tree back from
// `aelab summarize` of the autosave folder.
import Foundation
import Testing

@Suite(
    "Branching in tmux", .serialized,
    .enabled(
        if: TmuxDriver.tmuxAvailable && TmuxDriver.binary != nil,
        "needs tmux and the built binary (make test builds it)"))
struct BranchTmuxTests {
    @Test("B 1 forks undercomplete with the learning rate doubled, T shows the tree, summarize shows it after quitting")
    func forkThenTree() throws {
        let binary = try #require(TmuxDriver.binary)
        let autosave = NSTemporaryDirectory() + "aelab-e2e-branch-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: autosave) }
        let tmux = try TmuxDriver(
            command: "'\(binary)' --paused --data samples/digits-500 --autosave-dir \(autosave)",
            columns: 80, rows: 24, environment: ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"])
        #expect(tmux.waitFor { $0.contains("PAUSED") && $0.contains("undercomplete") }.matched)
        tmux.send(".")
        #expect(tmux.waitFor { $0.contains("batch 1/") }.matched)
        tmux.send("B")
        let picker = tmux.waitFor { $0.contains("learning rate ×2") && $0.contains("fork at e0 s1") }
        #expect(picker.matched, "no fork picker:\n\(picker.screen)")
        tmux.send("1")
        tmux.send("T")
        let tree = tmux.waitFor { $0.contains("branch tree · 2 runs, 1 forks") && $0.contains("undercomplete-b1") }
        #expect(tree.matched, "no tree after B 1 T:\n\(tree.screen)")
        let row = tree.screen.split(separator: "\n").first { $0.contains("└─undercomplete-b1") }
        #expect(row?.contains("e0 s1") == true && row?.contains("lr x2") == true, "fork row:\n\(tree.screen)")
        tmux.send("n")
        let stepped = tmux.waitFor(seconds: 40) { screen in
            screen.split(separator: "\n").filter { $0.contains("undercomplete") && $0.contains("0.") }.count == 2
                && screen.contains("PAUSED") && epochOnStatusLine(screen) == 1
        }
        #expect(stepped.matched, "both branches did not finish epoch 1:\n\(stepped.screen)")
        tmux.send("q")
        #expect(tmux.waitFor { $0.contains("exit=0") }.matched)
        let summary = try TmuxDriver.run([binary, "summarize", autosave])
        let lines = summary.output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasSuffix("parent         fork at  change") == true, "summarize:\n\(summary.output)")
        #expect(
            lines.contains { $0.hasPrefix("undercomplete-b1 ") && $0.hasSuffix("undercomplete  e0/s1    lr x2") },
            "summarize:\n\(summary.output)")
    }
}
