// ViewOptions: how the views are looking at the runs: chart scale and window, the page of
// validation samples, the epoch being scrubbed to, focus and expansion, and the latent walk.

/// Display settings shared by the views; changed by keys, never by the session.
public struct ViewOptions: Equatable, Sendable {
    /// Loss chart on a log10 y axis (`l`).
    public var logScale = false
    /// Loss chart time window: the last 1/2^zoom of the run (`>` zooms in, `<` out).
    public var zoom = 0
    /// Validation index of the first probe sample (`←`/`→` page).
    public var probeStart = 0
    /// The history epoch shown instead of the live state (`{`/`}`); nil is live.
    public var scrubEpoch: Int?
    /// Index of the focused panel in the view's layout (`shift-tab`).
    public var focus = 0
    /// The focused panel fills the screen (`e`).
    public var expanded = false
    /// The latent walk's samples, unit and offset.
    public var walk = WalkRequest()
    /// The cursor on the code scatter (arrows in the code view).
    public var cursor = CodeCursor()

    public init() {}

    /// Deepest zoom (the last 1/64 of the run).
    public static let maximumZoom = 6
    /// Change of the walked unit's value per arrow press.
    public static let walkStep: Float = 0.25
}

/// A question the status line is asking; the next key answers it.
public enum Prompt: Equatable, Sendable {
    /// `c` was pressed: `1`-`9` picks the preset to pair with the selected run.
    case pair
    /// `p` was pressed: `1`-`9` picks the preset to switch to.
    case switchPreset
    /// `B` was pressed: `1`-`7` picks the change of the fork (`ForkPickerOverlay`).
    case fork
}
