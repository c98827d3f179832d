// KeymapTests: keys map to the documented actions, and apply() says what to send and redraw.
import AutoencoderKit
import Testing

@testable import Workbench

@Suite struct KeymapTests {
    let keymap = Keymap.standard

    @Test(arguments: [
        (Key.character(" "), Action.togglePause), (.character("n"), .stepEpoch), (.character("."), .stepBatch),
        (.character("3"), .switchPreset(3)), (.tab, .nextView), (.character("["), .regularizationDown),
        (.character("]"), .regularizationUp), (.character("+"), .learningRateUp), (.character("-"), .learningRateDown),
        (.character("r"), .reset), (.character("s"), .save), (.character("t"), .nextTheme),
        (.character("g"), .nextGlyphMode),
        (.character("?"), .toggleHelp), (.control("l"), .repaint), (.character("q"), .quit), (.control("c"), .quit),
    ])
    func eachDocumentedKeyHasItsAction(key: Key, action: Action) {
        #expect(keymap.action(for: key) == action)
    }

    @Test func unboundKeysDoNothing() {
        #expect(keymap.action(for: .character("j")) == nil)
    }

    @Test func theHelpListsEveryBoundKey() {
        let listed = Set(keymap.bindings.flatMap(\.keys.keys))
        for binding in keymap.bindings { #expect(!binding.summary.isEmpty) }
        #expect(listed.contains(.character("9")) && listed.contains(.control("l")))
    }

    @Test(arguments: [
        (Action.togglePause, SessionCommand.togglePause), (.stepEpoch, .stepEpoch), (.stepBatch, .stepBatch),
        (.switchPreset(1), .switchPreset(0)), (.learningRateUp, .scaleLearningRate(2)),
        (.learningRateDown, .scaleLearningRate(0.5)), (.regularizationUp, .scaleRegularization(2)),
        (.regularizationDown, .scaleRegularization(0.5)), (.reset, .reset), (.save, .save),
    ])
    func sessionActionsSendOneCommandAndRedraw(action: Action, command: SessionCommand) {
        var state = Fixtures.state(size: .minimum)
        let effect = state.apply(action)
        #expect(effect.commands == [command])
        #expect(effect.redraw)
        #expect(state.message != nil)
    }

    @Test func viewThemeAndGlyphKeysCycleAndWrap() {
        var state = Fixtures.state(size: .minimum)
        for expected in [View.loss, .images, .codes, .filters, .walk, .compare, .anomaly, .tree, .dashboard] {
            _ = state.apply(.nextView)
            #expect(state.view == expected)
        }
        _ = state.apply(.nextTheme)
        #expect(state.themeIndex == 1)
        _ = state.apply(.nextTheme)
        #expect(state.themeIndex == 0)
        for expected in [GlyphMode.block, .ascii, .braille] {
            #expect(state.apply(.nextGlyphMode).commands.isEmpty)
            #expect(state.glyphMode == expected)
        }
    }

    @Test func aNonUTF8TerminalStaysInAscii() {
        var state = AppState(
            size: .minimum, glyphMode: .ascii, availableGlyphModes: GlyphMode.available(unicode: false))
        _ = state.apply(.nextGlyphMode)
        #expect(state.glyphMode == .ascii)
    }

    @Test func helpTogglesAndEscapeClosesIt() {
        var state = Fixtures.state(size: .minimum)
        _ = state.apply(.toggleHelp)
        #expect(state.helpShown)
        #expect(state.apply(.closeOverlay).redraw)
        #expect(!state.helpShown)
        #expect(state.apply(.closeOverlay) == .none)
    }

    @Test func quitAndRepaintAreEffectsNotCommands() {
        var state = Fixtures.state(size: .minimum)
        #expect(state.apply(.quit) == Effect(quit: .userQuit))
        #expect(state.apply(.repaint) == Effect(redraw: true, repaint: true))
    }

    @Test func aFrozenDisplayIgnoresNewSnapshots() {
        var state = Fixtures.state(size: .minimum)
        _ = state.apply(.toggleFreeze)
        let takenWhileFrozen = state.receive([Fixtures.snapshot(status: .paused)])
        #expect(!takenWhileFrozen)
        #expect(state.selected?.status == .running)
        _ = state.apply(.toggleFreeze)
        let takenWhenLive = state.receive([Fixtures.snapshot(status: .paused)])
        #expect(takenWhenLive)
        #expect(state.selected?.status == .paused)
    }
}
