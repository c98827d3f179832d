// Action: what the user intends, after the keymap has translated a key.

/// A user intent. `AppState.apply(_:)` turns it into state changes and an `Effect`.
public enum Action: Hashable, Sendable {
    case togglePause
    case stepEpoch
    case stepBatch
    /// Switch to preset number `n` as typed (1...9); in the pairing prompt, pair with it.
    case switchPreset(Int)
    case nextView
    /// Go straight to a view.
    case showView(View)
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
    /// Open the pairing prompt (`c`): the next `1`-`9` pairs the selected run with that preset.
    case startPairing
    /// Open the preset picker (`p`): the next `1`-`9` switches to that preset.
    case startPresetPicker
    /// Show the next / previous kept run (`w` / `W`).
    case nextRun
    case previousRun
    /// Drop the selected run (`x`).
    case closeRun
    case toggleLogScale
    case zoomIn
    case zoomOut
    /// Arrow keys: page samples, or in the latent walk choose and move a code unit.
    case arrow(Key)
    /// Latent walk: the next sample as end A / end B.
    case nextWalkSampleA
    case nextWalkSampleB
    /// Latent walk: a new draw of samples from the prior (VAE, `P`).
    case drawPrior
    /// Scrub back / forward through the kept epochs (`{` / `}`).
    case scrubBack
    case scrubForward
    /// Expand the focused panel to the whole screen and back (`e`).
    case toggleExpand
    /// Focus the next panel of the view (`shift-tab`).
    case nextFocus
    /// Open the fork picker (`B`): the next `1`-`7` branches the selected run with that change.
    case startFork

    /// Factor applied by `+`/`-` to the learning rate and by `]`/`[` to the regularization.
    public static let scaleFactor: Float = 2
}
