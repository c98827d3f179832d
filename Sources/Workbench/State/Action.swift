// Action: what the user intends, after the keymap has translated a key.

/// A user intent. `AppState.apply(_:)` turns it into state changes and an `Effect`.
public enum Action: Hashable, Sendable {
    case togglePause
    case stepEpoch
    case stepBatch
    /// Switch to preset number `n` as typed (1...9).
    case switchPreset(Int)
    case nextView
    case regularizationDown
    case regularizationUp
    case learningRateUp
    case learningRateDown
    case reset
    case save
    case nextTheme
    case nextGlyphMode
    case toggleHelp
    case closeOverlay
    case toggleFreeze
    case repaint
    case quit

    /// Factor applied by `+`/`-` to the learning rate and by `]`/`[` to the regularization.
    public static let scaleFactor: Float = 2
}
