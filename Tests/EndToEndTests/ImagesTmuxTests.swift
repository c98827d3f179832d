// ImagesTmuxTests: pixel images in the real workbench (issue 13). aelab runs under `script`
// inside tmux, so the typescript holds every byte it wrote: with --images kitty the image cells
// are Unicode placeholders on the pane, each image is transmitted (wrapped for tmux's
// passthrough) only when its pixels change, and quitting deletes them; with --images sixel (no
// tmux in between) each picture is drawn once at its blank cells. Neither a kitty nor a sixel
// terminal is on this machine; the bytes are what it would receive.
import Foundation
import TestSupport
import Testing

@Suite("Pixel images", .serialized, .enabled(if: AelabProcess.binary != nil, "the aelab binary is not built"))
struct ImagesTmuxTests {
    static func count(_ needle: String, in path: String) -> Int {
        let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        return text.components(separatedBy: needle).count - 1
    }

    @Test(
        "--images kitty: placeholders on the pane, each image sent when it changes and not again, deleted at quit",
        .enabled(if: TmuxDriver.tmuxAvailable, "needs tmux"))
    func kittyPlaceholdersAndBytes() throws {
        let binary = try #require(TmuxDriver.binary)
        let folder = try ScratchFolder("images-kitty")
        defer { folder.remove() }
        let typescript = folder.file("typescript")
        let command = "'\(binary)' --images kitty --data samples/digits-500 --epochs 1 --autosave-dir '\(folder.path)'"
        let tmux = try TmuxDriver(
            command: "script -q -f -c \"\(command)\" '\(typescript)'", columns: 100, rows: 30,
            environment: [
                "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color", "TMUX": "/tmp/aelab-fake-tmux,1,0",
            ])
        let finished = tmux.waitFor(seconds: 120) { $0.contains("FINISHED") }
        #expect(finished.matched, "the run did not finish:\n\(finished.screen)")
        #expect(
            finished.screen.unicodeScalars.contains(KittyPlaceholder.base), "no placeholder cells:\n\(finished.screen)")

        let transmit = "\u{1B}Ptmux;\u{1B}\u{1B}_Ga=T,U=1,f=24,t=d,"
        // the finished run's last pictures follow its status line: wait until the count settles
        var sent = Self.count(transmit, in: typescript)
        for _ in 0..<20 {
            Thread.sleep(forTimeInterval: 1)
            let now = Self.count(transmit, in: typescript)
            if now == sent { break }
            sent = now
        }
        #expect(sent >= 1, "\(sent) transmissions")
        // the run is finished: frames go on, the images do not change, nothing more is sent
        Thread.sleep(forTimeInterval: 2)
        #expect(Self.count(transmit, in: typescript) == sent)

        tmux.send("q")
        let ended = tmux.waitFor(seconds: 60) { $0.contains("exit=0") }
        #expect(ended.matched, "no clean exit:\n\(ended.screen)")
        let text = String(decoding: FileManager.default.contents(atPath: typescript) ?? Data(), as: UTF8.self)
        let lastTransmit = try #require(text.range(of: transmit, options: .backwards))
        let deletes = text[lastTransmit.upperBound...].components(separatedBy: "_Ga=d,d=I,i=").count - 1
        #expect(deletes >= 1, "\(deletes) deletions after the last transmission")
    }

    @Test(
        "--images sixel outside tmux: each picture drawn at its blank cells once, not again when unchanged",
        .enabled(if: TmuxDriver.tmuxAvailable, "needs tmux"))
    func sixelAtBlankCells() throws {
        let binary = try #require(TmuxDriver.binary)
        let folder = try ScratchFolder("images-sixel")
        defer { folder.remove() }
        let typescript = folder.file("typescript")
        // $TMUX is unset in the pane, so aelab draws sixels (tmux itself drops them: the
        // typescript under script has what a sixel terminal would get)
        let command = "'\(binary)' --images sixel --data samples/digits-500 --epochs 1 --autosave-dir '\(folder.path)'"
        let tmux = try TmuxDriver(
            command: "script -q -f -c \"\(command)\" '\(typescript)'", columns: 100, rows: 30,
            environment: ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"])
        let finished = tmux.waitFor(seconds: 120) { $0.contains("FINISHED") }
        #expect(finished.matched, "the run did not finish:\n\(finished.screen)")
        let sixel = "\u{1B}Pq\""
        var drawn = Self.count(sixel, in: typescript)
        for _ in 0..<20 {
            Thread.sleep(forTimeInterval: 1)
            let now = Self.count(sixel, in: typescript)
            if now == drawn { break }
            drawn = now
        }
        #expect(drawn >= 1, "\(drawn) sixels")
        Thread.sleep(forTimeInterval: 2)
        #expect(Self.count(sixel, in: typescript) == drawn, "sixels drawn again with nothing changed")

        // each at its cell, cursor saved and restored; a 28x28 probe at 4x (8x16-pixel cells: the
        // pane reports no pixel size) in 14x7 cells that the pane shows blank
        let text = String(decoding: FileManager.default.contents(atPath: typescript) ?? Data(), as: UTF8.self)
        let placed = #/\x1B7\x1B\[(\d+);(\d+)H\x1BPq"1;1;112;112/#
        let first = try #require(text.firstMatch(of: placed), "no 112x112 sixel at a cell")
        let row = try #require(Int(first.1))
        let column = try #require(Int(first.2))
        let lines = finished.screen.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
        for line in lines[(row - 1)..<(row - 1 + 7)] {
            let cells = String(line[(column - 1)..<(column - 1 + 14)])
            #expect(cells.allSatisfy { $0 == " " }, "image cells not blank: '\(cells)'")
        }
        #expect(!text.contains("\u{1B}_G"), "kitty escapes in sixel mode")
        tmux.send("q")
        #expect(tmux.waitFor(seconds: 60) { $0.contains("exit=0") }.matched)
    }
}

extension ImagesTmuxTests {
    /// What a kitty terminal outside tmux receives: a real tmux with `allow-passthrough on` runs
    /// aelab with `--images auto` (its own `$TMUX` kept, so aelab wraps for passthrough), and a
    /// tmux client attached under `script` stands for the outer terminal (OuterTerminal): it
    /// answers the kitty query as kitty does, so aelab picks kitty; its typescript holds every
    /// byte tmux sent it. tmux unwraps the passthrough and redraws the pane's placeholder cells
    /// with their 256-colour id foreground.
    @Test(
        "--images auto through tmux passthrough with kitty outside: bare APCs and placeholder cells reach it",
        .enabled(if: TmuxDriver.tmuxAvailable, "needs tmux"))
    func kittyThroughTmuxPassthrough() throws {
        let binary = try #require(TmuxDriver.binary)
        let folder = try ScratchFolder("images-passthrough")
        defer { folder.remove() }
        // aelab starts once the outer client is attached: passthrough goes only to attached clients
        let command =
            "tmux wait-for attached; '\(binary)' --images auto --data samples/digits-500 --epochs 1 --autosave-dir '\(folder.path)'"
        let tmux = try TmuxDriver(
            command: command, columns: 100, rows: 30, environment: ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"],
            keepTmux: true)
        for option in [["allow-passthrough", "on"], ["status", "off"]] {
            _ = try TmuxDriver.run(["tmux", "-L", tmux.name, "set", "-g"] + option)
        }
        let outer = try OuterTerminal(
            server: tmux.name, session: tmux.name, columns: 100, rows: 30, typescript: folder.file("outer-terminal"),
            answersKittyQuery: true)
        _ = try TmuxDriver.run(["tmux", "-L", tmux.name, "wait-for", "-S", "attached"])

        let finished = tmux.waitFor(seconds: 120) { $0.contains("FINISHED") }
        #expect(finished.matched, "the run did not finish:\n\(finished.screen)")
        Thread.sleep(forTimeInterval: 1)  // let tmux forward the last frame
        let seen = outer.text
        // the first image (the dashboard's first probe, 28x28 at 4x in 14x7 cells) arrives as a
        // bare APC, its first chunk m=1 (37,632 RGB bytes are 50,176 base64 bytes); its id is
        // 16 in the process's id space (the high byte, 1...63)
        let transmit = #/\x1B_Ga=T,U=1,f=24,t=d,s=112,v=112,i=(\d+),c=14,r=7,q=2,m=1;/#
        let id = try #require(seen.firstMatch(of: transmit).flatMap { UInt32($0.1) }, "no image reached the terminal")
        #expect(id & 0xFF_FFFF == 16 && (1...63).contains(id >> 24), "image id \(id)")
        let wrapped = seen.contains("Ptmux;")
        #expect(!wrapped, "tmux passed a wrapped escape on")
        // tmux draws placeholder cells in the id's low byte as colour (38;5;16, xterm-256color's
        // setaf), each cell ending with three diacritics: row, column, the id's high byte
        let placeholders = seen.contains("\u{1B}[38;5;16m\u{10EEEE}")
        #expect(placeholders, "no placeholder cell in colour 16 reached the outer terminal")
        #expect(Self.highByteMarks(in: seen).count == 1, "cells of one process carry one id-space diacritic")

        tmux.send("q")
        let ended = tmux.waitFor(seconds: 60) { $0.contains("exit=0") }
        #expect(ended.matched, "no clean exit:\n\(ended.screen)")
        Thread.sleep(forTimeInterval: 1)
        let all = outer.text
        let deleted = all.contains("\u{1B}_Ga=d,d=I,i=\(id),q=2\u{1B}\\")
        #expect(deleted, "the outer terminal was not told to delete image \(id)")
    }

    /// The third diacritics of the top-left placeholder cells (U+10EEEE, row 0, column 0) in `text`.
    static func highByteMarks(in text: String) -> Set<Unicode.Scalar> {
        let scalars = Array(text.unicodeScalars)
        var marks = Set<Unicode.Scalar>()
        for i in scalars.indices.dropLast(3)
        where scalars[i] == KittyPlaceholder.base && scalars[i + 1] == "\u{0305}" && scalars[i + 2] == "\u{0305}" {
            let next = scalars[i + 3]
            if (0x0300...0x06FF).contains(next.value) { marks.insert(next) }
        }
        return marks
    }
}

/// U+10EEEE, the kitty placeholder's base character.
enum KittyPlaceholder {
    static let base = Unicode.Scalar(0x10EEEE)!
}
