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
            bind("space", "pause / resume training", [.character(" "): .togglePause]),
            bind("n", "step one epoch (then pause)", [.character("n"): .stepEpoch]),
            bind(".", "step one batch (then pause)", [.character("."): .stepBatch]),
            bind("1-9", "switch to preset 1-9", presets),
            bind("tab", "next view", [.tab: .nextView]),
            bind("+ / -", "learning rate x\(factor) / x\(1 / Action.scaleFactor)",
                [.character("+"): .learningRateUp, .character("="): .learningRateUp, .character("-"): .learningRateDown]),
            bind("] / [", "regularization x\(factor) / x\(1 / Action.scaleFactor)",
                [.character("]"): .regularizationUp, .character("["): .regularizationDown]),
            bind("r", "reset run to its initial weights", [.character("r"): .reset]),
            bind("s", "save a checkpoint", [.character("s"): .save]),
            bind("t", "next colour theme", [.character("t"): .nextTheme]),
            bind("g", "next glyph mode (braille/block/ascii)", [.character("g"): .nextGlyphMode]),
            bind("f", "freeze / unfreeze the display", [.character("f"): .toggleFreeze]),
            bind("?", "show / hide this help", [.character("?"): .toggleHelp, .function(1): .toggleHelp]),
            bind("esc", "close help", [.escape: .closeOverlay]),
            bind("ctrl-l", "repaint the screen", [.control("l"): .repaint]),
            bind("q", "quit (autosaves)", [.character("q"): .quit, .control("c"): .quit]),
        ])
    }()
}
