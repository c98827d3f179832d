// ImagesTmuxTests: pixel images in the real workbench (issue 13). aelab runs under `script`
// inside tmux, so the typescript holds every byte it wrote: with --images kitty the image cells
// are Unicode placeholders on the pane, each image is transmitted (wrapped for tmux's
// passthrough) only when its pixels change, and quitting deletes them. The kitty terminal itself
// is not on this machine; the bytes are what it would receive.
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
        let sent = Self.count(transmit, in: typescript)
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
}

/// U+10EEEE, the kitty placeholder's base character.
enum KittyPlaceholder {
    static let base = Unicode.Scalar(0x10EEEE)!
}
