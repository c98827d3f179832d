// ViewKeyTests: the keys of issue 5 (views, pairing, runs, chart, paging, walk, scrubbing,
// focus) map to their actions, and apply() changes the state and sends what the session needs.
import AutoencoderKit
import Testing

@testable import Workbench

@Suite struct ViewKeyTests {
    let keymap = Keymap.standard

    @Test(arguments: [
        (Key.character("c"), Action.startPairing), (.character("w"), .nextRun), (.character("W"), .previousRun),
        (.character("x"), .closeRun), (.character("d"), .showView(.dashboard)), (.character("o"), .showView(.loss)),
        (.character("i"), .showView(.images)), (.character("h"), .showView(.codes)),
        (.character("F"), .showView(.filters)),
        (.character("z"), .showView(.walk)), (.character("v"), .showView(.compare)),
        (.character("A"), .showView(.anomaly)),
        (.character("l"), .toggleLogScale),
        (.character("<"), .zoomOut), (.character(">"), .zoomIn), (.left, .arrow(.left)), (.right, .arrow(.right)),
        (.up, .arrow(.up)), (.down, .arrow(.down)), (.character("a"), .nextWalkSampleA),
        (.character("b"), .nextWalkSampleB),
        (.character("{"), .scrubBack), (.character("}"), .scrubForward), (.character("e"), .toggleExpand),
        (.backTab, .nextFocus),
    ])
    func eachViewKeyHasItsAction(key: Key, action: Action) {
        #expect(keymap.action(for: key) == action)
    }

    @Test func cThenANumberPairsWithThatPresetInsteadOfSwitching() {
        var state = Fixtures.pairedState(size: .minimum)
        #expect(state.apply(.startPairing).commands.isEmpty)
        #expect(state.prompt == .pair)
        #expect(Screen.render(state).renderedText.contains("pair with: 1-1 (other key cancels)"))
        #expect(state.apply(.switchPreset(3)).commands == [.pairWith(2)])
        #expect(state.prompt == nil)
        #expect(state.apply(.switchPreset(3)).commands == [.switchPreset(2)])
    }

    @Test func anyOtherKeyCancelsThePairingPrompt() {
        var state = Fixtures.pairedState(size: .minimum)
        _ = state.apply(.startPairing)
        let effect = state.apply(.stepEpoch)
        #expect(effect.commands.isEmpty)
        #expect(state.prompt == nil)
        #expect(state.message?.text == "pairing cancelled")
    }

    @Test func wCyclesTheKeptRunsAndTellsTheSession() {
        var state = Fixtures.pairedState(size: .minimum)
        #expect(state.apply(.nextRun).commands == [.selectRun(1)])
        #expect(state.selected?.runName == "undercomplete")
        #expect(state.apply(.nextRun).commands == [.selectRun(0)])
        #expect(state.apply(.previousRun).commands == [.selectRun(1)])
    }

    @Test func viewsThatNeedMoreAskTheSessionOnce() {
        var state = Fixtures.pairedState(size: .minimum)
        let toFilters = state.apply(.showView(.filters))
        #expect(toFilters.commands == [.setDisplay(DisplayRequest(filters: true))])
        #expect(state.apply(.showView(.filters)).commands.isEmpty)
        let toWalk = state.apply(.showView(.walk))
        guard case .setDisplay(let request)? = toWalk.commands.first else {
            Issue.record("no display request")
            return
        }
        #expect(request.walk?.steps == LatentWalkPanel.fit(width: 78).steps)
        #expect(!request.filters)
        #expect(state.apply(.showView(.dashboard)).commands == [.setDisplay(DisplayRequest())])
    }

    @Test func arrowsPageSamplesOrMoveTheWalkedUnit() {
        var state = Fixtures.pairedState(size: .minimum)
        #expect(state.apply(.arrow(.right)).commands == [.setDisplay(DisplayRequest(probeStart: 16))])
        _ = state.apply(.arrow(.left))
        _ = state.apply(.arrow(.left))
        #expect(state.options.probeStart == 0)
        _ = state.apply(.showView(.walk))
        _ = state.apply(.arrow(.down))
        _ = state.apply(.arrow(.right))
        _ = state.apply(.arrow(.right))
        #expect(state.options.walk.unit == 1)
        #expect(state.options.walk.offset == 2 * ViewOptions.walkStep)
        _ = state.apply(.arrow(.up))
        _ = state.apply(.arrow(.up))
        #expect(state.options.walk.unit == 31)
        #expect(state.options.walk.offset == 0)
    }

    @Test func bracesScrubThroughKeptEpochsAndBackToLive() {
        var state = Fixtures.pairedState(size: .minimum, view: .images)
        _ = state.apply(.scrubBack)
        #expect(state.options.scrubEpoch == 5)
        _ = state.apply(.scrubBack)
        _ = state.apply(.scrubBack)
        #expect(state.options.scrubEpoch == 3)
        let text = Screen.render(state).renderedText
        #expect(text.contains("epoch 3 (3/5 kept)"))
        #expect(text.contains("AT EPOCH 3"))
        _ = state.apply(.scrubForward)
        _ = state.apply(.scrubForward)
        _ = state.apply(.scrubForward)
        #expect(state.options.scrubEpoch == nil)
    }

    @Test func logScaleAndZoomChangeTheChart() {
        var state = Fixtures.pairedState(size: .minimum, view: .loss)
        let linear = Screen.render(state).renderedText
        _ = state.apply(.toggleLogScale)
        let logarithmic = Screen.render(state).renderedText
        #expect(logarithmic.contains("BCE/px log"))
        #expect(linear != logarithmic)
        _ = state.apply(.zoomIn)
        #expect(state.options.zoom == 1)
        for _ in 0..<10 { _ = state.apply(.zoomIn) }
        #expect(state.options.zoom == ViewOptions.maximumZoom)
        for _ in 0..<10 { _ = state.apply(.zoomOut) }
        #expect(state.options.zoom == 0)
    }

    @Test func eExpandsTheFocusedPanelToTheWholeScreen() {
        var state = Fixtures.pairedState(size: .minimum, view: .compare)
        _ = state.apply(.nextFocus)
        _ = state.apply(.toggleExpand)
        let layout = Layout.arrange(
            state.view, size: state.size, focus: state.options.focus, expanded: state.options.expanded)
        #expect(layout.slots.map(\.id) == [.compareTable])
        #expect(layout.slots[0].rect == Rect(x: 0, y: 0, width: 80, height: 23))
        _ = state.apply(.showView(.codes))
        #expect(!state.options.expanded && state.options.focus == 0)
    }

    @Test func theCompareViewShowsBothRunsAndTheirDifference() {
        let text = Screen.render(Fixtures.pairedState(size: .minimum, view: .compare, glyphs: .ascii, colors: .none))
            .renderedText
        #expect(text.contains("A sparse-l1 - B undercomplete"))
        #expect(text.contains("paired - epoch 5"))
        #expect(text.contains("input | A | B"))
        #expect(text.contains("recon") && text.contains("BCE/px"))
        #expect(text.contains("0.1012") && text.contains("0.1134") && text.contains("+0.0122"))
        #expect(text.contains("|J|F"))
    }

    @Test func withOneRunTheCompareViewSaysHowToPair() {
        let text = Screen.render(Fixtures.state(size: .minimum, view: .compare)).renderedText
        #expect(text.contains("press c then 1-9 to pair"))
    }

    @Test(arguments: View.allCases)
    func everyViewFitsAndDrawsAt80x24WithoutASnapshot(view: View) {
        let text = Screen.render(Fixtures.state(size: .minimum, view: view, snapshot: nil)).renderedText
        #expect(text.components(separatedBy: "\n").count == 24)
    }
}
