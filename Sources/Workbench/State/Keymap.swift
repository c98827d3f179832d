// Keymap: the table from keys to actions, and the help text generated from it.

/// Maps keys to actions. The help overlay lists `bindings` in order, so every key shown
/// is a key that works.
public struct Keymap: Sendable {
    /// One help line: the keys as shown, what they do, and the keys themselves.
    public struct Binding: Sendable {
        public var keysLabel: String
        public var summary: String
        public var keys: [Key: Action]
    }

    public let bindings: [Binding]
    private let table: [Key: Action]

    public init(bindings: [Binding]) {
        self.bindings = bindings
        var table: [Key: Action] = [:]
        for binding in bindings { table.merge(binding.keys) { first, _ in first } }
        self.table = table
    }

    /// The action bound to `key`, if any.
    public func action(for key: Key) -> Action? { table[key] }

    /// The workbench's keys.
    public static let standard: Keymap = {
        func bind(_ label: String, _ summary: String, _ keys: [Key: Action]) -> Binding {
            Binding(keysLabel: label, summary: summary, keys: keys)
        }
        var presets: [Key: Action] = [:]
        for n in 1...9 { presets[.character(Character(String(n)))] = .switchPreset(n) }
        let factor = "\(Int(Action.scaleFactor))"
        return Keymap(bindings: [
            bind("space", "pause/resume (with pair)", [.character(" "): .togglePause]),
            bind("n", "step one epoch", [.character("n"): .stepEpoch]),
            bind(".", "step one batch", [.character("."): .stepBatch]),
            bind("1-9", "switch to preset 1-9", presets),
            bind("p", "list presets, pick one", [.character("p"): .startPresetPicker]),
            bind("c 1-9", "pair with preset (A/B)", [.character("c"): .startPairing]),
            bind("w / W", "next / previous run", [.character("w"): .nextRun, .character("W"): .previousRun]),
            bind("x", "close the selected run", [.character("x"): .closeRun]),
            bind("tab", "next view", [.tab: .nextView]),
            bind("d", "dashboard view", [.character("d"): .showView(.dashboard)]),
            bind("o", "loss chart view", [.character("o"): .showView(.loss)]),
            bind("i", "reconstructions view", [.character("i"): .showView(.images)]),
            bind("h", "code layer view", [.character("h"): .showView(.codes)]),
            bind("F", "filters view", [.character("F"): .showView(.filters)]),
            bind("z", "latent walk view", [.character("z"): .showView(.walk)]),
            bind("v", "compare A/B view", [.character("v"): .showView(.compare)]),
            bind("A", "anomalies view", [.character("A"): .showView(.anomaly)]),
            bind("B / T", "fork run / branch tree", [.character("B"): .startFork, .character("T"): .showView(.tree)]),
            bind("shift-tab", "focus next panel", [.backTab: .nextFocus]),
            bind("e", "expand focused panel", [.character("e"): .toggleExpand]),
            bind("{ / }", "scrub epochs back / fwd", [.character("{"): .scrubBack, .character("}"): .scrubForward]),
            bind("l", "loss: log scale", [.character("l"): .toggleLogScale]),
            bind("< / >", "loss: zoom out / in", [.character("<"): .zoomOut, .character(">"): .zoomIn]),
            bind("left/right", "samples (walk: value)", [.left: .arrow(.left), .right: .arrow(.right)]),
            bind("up/down", "walk: code unit", [.up: .arrow(.up), .down: .arrow(.down)]),
            bind(
                "a / b / P", "walk: sample A/B, prior",
                [
                    .character("a"): .nextWalkSampleA, .character("b"): .nextWalkSampleB, .character("P"): .drawPrior,
                ]),
            bind(
                "+ / -", "learning rate x\(factor) / x\(1 / Action.scaleFactor)",
                [
                    .character("+"): .learningRateUp, .character("="): .learningRateUp,
                    .character("-"): .learningRateDown,
                ]),
            bind(
                "] / [", "regularization x\(factor)/x\(1 / Action.scaleFactor)",
                [.character("]"): .regularizationUp, .character("["): .regularizationDown]),
            bind("r", "reset (pair: both)", [.character("r"): .reset]),
            bind("s", "save a checkpoint", [.character("s"): .save]),
            bind("t", "next colour theme", [.character("t"): .nextTheme]),
            bind("g", "next glyph mode", [.character("g"): .nextGlyphMode]),
            bind("f", "freeze/unfreeze display", [.character("f"): .toggleFreeze]),
            bind("?", "show / hide this help", [.character("?"): .toggleHelp, .function(1): .toggleHelp]),
            bind("esc", "close help", [.escape: .closeOverlay]),
            bind("ctrl-l", "repaint the screen", [.control("l"): .repaint]),
            bind("q", "quit (autosaves)", [.character("q"): .quit, .control("c"): .quit]),
        ])
    }()
}
