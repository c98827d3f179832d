// DoctorTmuxTests: the real `aelab doctor` in tmux (its own socket): the probe gets tmux's
// own answer (tmux answers device attributes, not the kitty query), so images are blocks with
// the reason; the locale, colour and NO_COLOR lines follow the environment, with their fixes.
import Foundation
import TestSupport
import Testing

@Suite(
    "aelab doctor in tmux", .serialized,
    .enabled(
        if: TmuxDriver.tmuxAvailable && TmuxDriver.binary != nil,
        "needs tmux and the built binary (make test builds it)"))
struct DoctorTmuxTests {
    @Test("in a UTF-8, 256-colour tmux pane doctor reports glyphs, colours, blocks and why, and the BLAS")
    func utf8Colour() throws {
        let binary = try #require(TmuxDriver.binary)
        let tmux = try TmuxDriver(
            command: "'\(binary)' doctor", columns: 100, rows: 30,
            environment: ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"])
        let done = tmux.waitFor { $0.contains("exit=0") }
        #expect(done.matched, "doctor did not finish:\n\(done.screen)")
        let s = done.screen
        #expect(s.contains("glyphs    UTF-8 (C.UTF-8)"), "\(s)")
        #expect(s.contains("terminal  TERM=xterm-256color"), "\(s)")
        #expect(s.contains("colour    256 colours"), "\(s)")
        #expect(s.contains("images    blocks: the terminal offers neither kitty graphics nor sixel"), "\(s)")
        #expect(s.contains("mosh      no"), "\(s)")
        #expect(s.contains("blas      OpenBLAS core "), "\(s)")
    }

    @Test("with an ASCII locale, NO_COLOR and --images kitty doctor names each fix and the forced protocol")
    func asciiNoColourForced() throws {
        let binary = try #require(TmuxDriver.binary)
        let tmux = try TmuxDriver(
            command: "'\(binary)' doctor --images kitty", columns: 120, rows: 40,
            environment: ["LANG": "C", "LC_ALL": "C", "NO_COLOR": "1", "TERM": "xterm-256color"])
        let done = tmux.waitFor { $0.contains("exit=0") }
        #expect(done.matched, "doctor did not finish:\n\(done.screen)")
        let s = done.screen
        #expect(s.contains("glyphs    ASCII ramp (C is not UTF-8); fix: export LANG=C.UTF-8"), "\(s)")
        #expect(s.contains("colour    none: NO_COLOR is set; fix: unset NO_COLOR"), "\(s)")
        #expect(s.contains("images    kitty: --images kitty (forced, not detected)"), "\(s)")
    }

    @Test("inside tmux with allow-passthrough on, a kitty outside answers the wrapped query and the pane title stays")
    func kittyAnswersThroughPassthrough() throws {
        let binary = try #require(TmuxDriver.binary)
        // doctor runs with the pane's own $TMUX, once the outer terminal is attached
        let tmux = try TmuxDriver(
            command: "tmux wait-for attached; '\(binary)' doctor", columns: 100, rows: 30,
            environment: ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"], keepTmux: true)
        _ = try TmuxDriver.run(["tmux", "-L", tmux.name, "set", "-g", "allow-passthrough", "on"])
        let folder = try ScratchFolder("doctor-passthrough")
        defer { folder.remove() }
        let outer = try OuterTerminal(
            server: tmux.name, session: tmux.name, columns: 100, rows: 30, typescript: folder.file("outer"),
            answersKittyQuery: true)
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, (try? TmuxDriver.run(["tmux", "-L", tmux.name, "list-clients"]))?.output ?? "" == "" {
            usleep(100_000)
        }
        _ = try TmuxDriver.run(["tmux", "-L", tmux.name, "wait-for", "-S", "attached"])
        let done = tmux.waitFor { $0.contains("exit=0") }
        #expect(done.matched, "doctor did not finish:\n\(done.screen)")
        let s = done.screen
        #expect(s.contains("images    kitty: kitty graphics answered through tmux passthrough"), "\(s)")
        #expect(s.contains("tmux      allow-passthrough on"), "\(s)")
        // tmux unwrapped the query for the outer terminal; a bare APC would have become the
        // pane's title ("Gi=31,s=1,...", shown in tmux's default status line)
        let asked = outer.text.contains("\u{1B}_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\u{1B}\\")
        #expect(asked, "the outer terminal was not asked")
        let title = try TmuxDriver.run(["tmux", "-L", tmux.name, "display", "-p", "-t", tmux.name, "#{pane_title}"])
        #expect(!title.output.contains("Gi=31"), "pane title: \(title.output)")
    }
}
