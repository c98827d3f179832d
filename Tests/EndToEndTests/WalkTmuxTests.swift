// WalkTmuxTests: walking the code space in the real workbench (issue 13): the arrows move the
// cursor on the code scatter (key h) and the decoded image beside it changes; P in the walk view
// (key z) says when the model has no prior to sample.
import Foundation
import Testing

@Suite("Walk the code space", .serialized, .enabled(if: AelabProcess.binary != nil, "the aelab binary is not built"))
struct WalkTmuxTests {
    /// The ASCII picture under "g(cursor)" on `screen` (14 rows of 28 characters), or nil.
    static func cursorImage(_ screen: String) -> String? {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        guard let top = lines.firstIndex(where: { String($0).contains("g(cursor)") }) else { return nil }
        let text = String(lines[top])
        guard let range = text.range(of: "g(cursor)") else { return nil }
        let column = text.distance(from: text.startIndex, to: range.lowerBound)
        let rows = lines.dropFirst(top + 1).prefix(14).map { line in
            String(line.dropFirst(column).prefix(28))
        }
        return rows.count == 14 ? rows.joined(separator: "\n") : nil
    }

    @Test(
        "the arrows in the code view move the cursor and the decoding beside the scatter changes",
        .enabled(if: TmuxDriver.tmuxAvailable, "needs tmux"))
    func cursorDecodingChanges() throws {
        let binary = try #require(TmuxDriver.binary)
        let autosave = try AelabProcess.scratch("walk-cursor")
        defer { try? FileManager.default.removeItem(atPath: autosave) }
        let tmux = try TmuxDriver(
            command: "'\(binary)' --paused --ascii --data digits --layers 32 --autosave-dir \(autosave)",
            columns: 120, rows: 40, environment: ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"])
        let dashboard = tmux.waitFor(seconds: 60) { $0.contains("PAUSED") && $0.contains("? help") }
        #expect(dashboard.matched, "no dashboard:\n\(dashboard.screen)")
        tmux.send("n")
        let trained = tmux.waitFor(seconds: 120) { $0.contains("epoch 1") }
        #expect(trained.matched, "the epoch did not finish:\n\(trained.screen)")
        tmux.send("h")
        let codes = tmux.waitFor(seconds: 60) { Self.cursorImage($0) != nil }
        let before = try #require(Self.cursorImage(codes.screen), "no cursor image:\n\(codes.screen)")
        for _ in 0..<10 { tmux.send("Right", "Up") }
        let moved = tmux.waitFor(seconds: 30) { screen in Self.cursorImage(screen).map { $0 != before } ?? false }
        #expect(moved.matched, "the decoding did not change:\n\(before)\n---\n\(moved.screen)")
        // the cursor now sits at the top right corner of the points' box
        #expect(before.contains(where: { "-=+*#%@".contains($0) }), "an empty decoding:\n\(before)")
        tmux.send("z", "P")
        let prior = tmux.waitFor(seconds: 30) { $0.contains("no prior to sample: P needs a VAE") }
        #expect(prior.matched, "no prior message:\n\(prior.screen)")
        tmux.send("q")
        let exited = tmux.waitFor { $0.contains("exit=0") }
        #expect(exited.matched, "did not exit cleanly:\n\(exited.screen)")
    }
}
