// PresetPickerTests: `c` and `p` list every preset keys 1-9 reach, by number, name and a line
// on what it is, inside 80x24; the note after a pick names the preset.
import AutoencoderKit
import Testing

@testable import Workbench

@Suite struct PresetPickerTests {
    static let choices = [
        PresetChoice(
            name: "undercomplete",
            summary: "Undercomplete 784-32-784 ReLU code, BCE: the chapter's first autoencoder (14.1)"),
        PresetChoice(
            name: "sparse-kl", summary: "Overcomplete 784-1024 sigmoid code with KL sparsity (rho 0.05, beta 0.01)"),
        PresetChoice(
            name: "denoising-mask",
            summary: "Denoising 784-256: 30% of pixels masked to 0, loss against the clean image"),
    ]

    static func state(size: TerminalSize, glyphs: GlyphMode = .braille) -> AppState {
        var state = Fixtures.pairedState(
            size: size, view: .dashboard, glyphs: glyphs, colors: glyphs == .ascii ? .none : .colors256)
        state.presetChoices = choices
        return state
    }

    @Test(arguments: [TerminalSize.minimum, TerminalSize(columns: 120, rows: 40)])
    func cListsThePresetsByNumberAndName(size: TerminalSize) {
        var state = Self.state(size: size)
        _ = state.apply(.startPairing)
        let text = Screen.render(state).renderedText
        #expect(text.contains("pair with which preset? (same seed, lockstep)"))
        #expect(text.contains(" 1  undercomplete   Undercomplete 784-32-784"))
        #expect(text.contains(" 2  sparse-kl       Overcomplete 784-1024"))
        #expect(text.contains(" 3  denoising-mask  Denoising 784-256"))
        #expect(text.contains("1-3 picks, any other key cancels"))
        SnapshotAssertion.assertMatches(
            Screen.render(state).styledDump, named: "picker-pair-\(size.columns)x\(size.rows)-color.txt")
    }

    @Test func theAsciiPickerMatchesItsSnapshot() {
        var state = Self.state(size: .minimum, glyphs: .ascii)
        _ = state.apply(.startPresetPicker)
        let text = Screen.render(state).renderedText
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(text.contains("switch to which preset?"))
        SnapshotAssertion.assertMatches(text, named: "picker-switch-80x24-ascii.txt")
    }

    @Test func pThenANumberSwitchesAndTheNoteNamesThePreset() {
        var state = Self.state(size: .minimum)
        #expect(Keymap.standard.action(for: .character("p")) == .startPresetPicker)
        _ = state.apply(.startPresetPicker)
        #expect(state.prompt == .switchPreset)
        #expect(state.apply(.switchPreset(2)).commands == [.switchPreset(1)])
        #expect(state.prompt == nil)
        #expect(state.message?.text == "switching to preset 2 (sparse-kl)")
        _ = state.apply(.startPairing)
        _ = state.apply(.switchPreset(3))
        #expect(state.message?.text == "pairing with preset 3 (denoising-mask); v compares")
    }

    @Test func anyOtherKeyClosesThePickerWithoutSwitching() {
        var state = Self.state(size: .minimum)
        _ = state.apply(.startPresetPicker)
        #expect(state.apply(.stepEpoch).commands.isEmpty)
        #expect(state.prompt == nil)
        #expect(state.message?.text == "no preset picked")
        #expect(!Screen.render(state).renderedText.contains("switch to which preset?"))
    }

    @Test func longSummariesAreCutToTheBox() {
        #expect(PresetPickerOverlay.cut("Overcomplete 784-1024 sigmoid", to: 12) == "Overcompl...")
        #expect(PresetPickerOverlay.cut("short", to: 12) == "short")
    }
}
