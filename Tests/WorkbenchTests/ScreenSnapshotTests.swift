// ScreenSnapshotTests: every view (so every panel) at 80x24 and 120x40, in colour and ASCII,
// compared with files in Snapshots/ (AELAB_RECORD_SNAPSHOTS=1 rewrites them).
import AutoencoderKit
import Testing

@testable import Workbench

@Suite struct ScreenSnapshotTests {
    static let sizes = [
        TerminalSize(columns: 80, rows: 24), TerminalSize(columns: 120, rows: 40), TerminalSize(columns: 140, rows: 45),
    ]

    @Test(arguments: View.allCases, sizes)
    func eachViewMatchesItsColourSnapshot(view: View, size: TerminalSize) {
        let canvas = Screen.render(Fixtures.pairedState(size: size, view: view, glyphs: .braille, colors: .colors256))
        SnapshotAssertion.assertMatches(
            canvas.styledDump, named: "\(view.rawValue)-\(size.columns)x\(size.rows)-color.txt")
    }

    @Test(arguments: View.allCases, sizes)
    func eachViewMatchesItsAsciiSnapshot(view: View, size: TerminalSize) {
        let canvas = Screen.render(Fixtures.pairedState(size: size, view: view, glyphs: .ascii, colors: .none))
        SnapshotAssertion.assertMatches(
            canvas.renderedText, named: "\(view.rawValue)-\(size.columns)x\(size.rows)-ascii.txt")
    }

    @Test(arguments: View.allCases)
    func asciiModeDrawsOnlyAscii(view: View) {
        var state = Fixtures.pairedState(size: .minimum, view: view, glyphs: .ascii, colors: .none)
        state.helpShown = view == .dashboard
        let text = Screen.render(state).renderedText
        let nonASCII = text.unicodeScalars.filter { !$0.isASCII }
        #expect(nonASCII.isEmpty)
    }

    @Test(arguments: sizes)
    func theHelpOverlayMatchesItsSnapshot(size: TerminalSize) {
        var snapshot = Fixtures.snapshot()
        snapshot.roofline = Roofline(
            blas: "OpenBLAS SkylakeX", threads: 2, peakGflops: 441.2, productsGflops: 372.6, flopsPerSample: 51_300_000)
        var state = Fixtures.state(size: size, snapshot: snapshot)
        state.helpShown = true
        SnapshotAssertion.assertMatches(
            Screen.render(state).styledDump, named: "help-\(size.columns)x\(size.rows)-color.txt")
        state.glyphMode = .ascii
        SnapshotAssertion.assertMatches(
            Screen.render(state).renderedText, named: "help-\(size.columns)x\(size.rows)-ascii.txt")
    }

    @Test(
        "kitty and sixel: the image cells and the placed images of the dashboard and the images view",
        arguments: [
            (View.dashboard, ImageProtocol.kitty, TerminalSize(columns: 80, rows: 24)),
            (View.images, ImageProtocol.kitty, TerminalSize(columns: 120, rows: 40)),
            (View.images, ImageProtocol.sixel, TerminalSize(columns: 80, rows: 24)),
        ])
    func pixelImagesMatchTheirSnapshots(view: View, images: ImageProtocol, size: TerminalSize) {
        var state = Fixtures.state(size: size, view: view)
        state.pixelImages = PixelImages(kind: images)
        let canvas = Screen.render(state)
        #expect(canvas.images.count > 0 && canvas.images.allSatisfy { $0.kind == images })
        SnapshotAssertion.assertMatches(
            canvas.styledDump, named: "\(view.rawValue)-\(size.columns)x\(size.rows)-\(images.rawValue).txt")
    }

    @Test func theBlockGlyphModeMatchesItsSnapshot() {
        let canvas = Screen.render(Fixtures.state(size: .minimum, glyphs: .block, colors: .colors8))
        SnapshotAssertion.assertMatches(canvas.styledDump, named: "dashboard-80x24-block.txt")
    }

    @Test func theHelpListsEveryKeyAt80x24() {
        var state = Fixtures.state(size: .minimum)
        state.helpShown = true
        let text = Screen.render(state).renderedText
        for binding in Keymap.standard.bindings {
            #expect(text.contains(binding.keysLabel + "  " + binding.summary))
        }
    }

    @Test func aDivergedRunShowsItsMessage() {
        let snapshot = Fixtures.snapshot(status: .diverged("loss is NaN at step 2465 (layer decoder.0)"))
        let text = Screen.render(Fixtures.state(size: .minimum, snapshot: snapshot)).renderedText
        #expect(text.contains("diverged: loss is NaN at step 2465 (layer decoder.0)"))
        #expect(text.contains("DIVERGED"))
    }

    @Test(arguments: [
        (RunStatus.running, "RUNNING"), (.paused, "PAUSED"), (.finished, "FINISHED"),
    ])
    func theStatusLineNamesTheRunState(status: RunStatus, word: String) {
        let canvas = Screen.render(Fixtures.state(size: .minimum, snapshot: Fixtures.snapshot(status: status)))
        let last = canvas.renderedText.components(separatedBy: "\n").last ?? ""
        #expect(last.hasPrefix(word))
        #expect(last.contains("epoch 5/20") && last.contains("batch 120/469") && last.contains("BCE/px"))
        #expect(last.hasSuffix("? help"))
    }

    @Test func theLossAxisCarriesTheUnit() {
        let text = Screen.render(Fixtures.state(size: .minimum)).renderedText
        #expect(text.components(separatedBy: "\n")[1].hasPrefix("│BCE/px"))
    }

    @Test func widerScreensShowMoreProbes() {
        let probes = { (size: TerminalSize) -> Int in
            let layout = Layout.arrange(.dashboard, size: size)
            return ImagesPanel.arrangement(probes: 16, rows: 28, columns: 28, in: layout.images.inset(by: 1)).count
        }
        #expect(probes(.minimum) >= 2)
        #expect(probes(TerminalSize(columns: 120, rows: 40)) > probes(.minimum))
        #expect(probes(TerminalSize(columns: 200, rows: 60)) > probes(TerminalSize(columns: 120, rows: 40)))
    }

    @Test func beforeTheFirstSnapshotPanelsSayTheyAreWaiting() {
        let text = Screen.render(Fixtures.state(size: .minimum, snapshot: nil)).renderedText
        #expect(text.contains("waiting for the first snapshot"))
        #expect(text.contains("no probe images yet"))
    }
}
