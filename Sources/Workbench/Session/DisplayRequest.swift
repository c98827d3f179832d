// DisplayRequest: what the visible view needs beyond the dashboard, so the training queue
// computes filters, scatters and decodings only while someone looks at them.

/// The UI's description of what it shows; sent with `SessionCommand.setDisplay` when it changes.
public struct DisplayRequest: Sendable, Equatable {
    /// Weight images (filters view).
    public var filters: Bool
    /// The 2-D scatter of validation codes (code layer view).
    public var scatter: Bool
    /// Validation index of the first probe sample (←/→ page through the validation set).
    public var probeStart: Int
    /// Decodings for the latent walk view.
    public var walk: WalkRequest?
    /// Reconstruction errors of the validation set (anomalies view).
    public var anomaly: Bool
    /// The cursor on the code scatter, decoded beside it (code view).
    public var cursor: CodeCursor?
    /// The speed figures of the help box (Roofline), measured once per run when first asked.
    public var roofline = false

    public init(
        filters: Bool = false, scatter: Bool = false, probeStart: Int = 0, walk: WalkRequest? = nil,
        anomaly: Bool = false
    ) {
        self.filters = filters
        self.scatter = scatter
        self.probeStart = probeStart
        self.walk = walk
        self.anomaly = anomaly
    }
}

/// A latent walk: interpolate between the codes of two validation samples, and vary one unit
/// of the first.
public struct WalkRequest: Sendable, Equatable {
    /// Validation indices of the end samples.
    public var sampleA: Int
    public var sampleB: Int
    /// Decodings along the line, both ends included (at least 2).
    public var steps: Int
    /// The code unit to vary, and the amount added to its value in h_A.
    public var unit: Int
    public var offset: Float
    /// Which draw of prior samples to show (VAE, key `P`); 0 shows none.
    public var priorDraw = 0

    public init(sampleA: Int = 0, sampleB: Int = 1, steps: Int = 8, unit: Int = 0, offset: Float = 0) {
        self.sampleA = sampleA
        self.sampleB = sampleB
        self.steps = steps
        self.unit = unit
        self.offset = offset
    }
}

/// A cursor on the code scatter, in whole steps from the centre of the points' bounding box:
/// `-steps...steps` on each axis spans the box edge to edge.
public struct CodeCursor: Sendable, Equatable {
    public var column: Int
    public var row: Int
    /// Steps from the centre to an edge of the box.
    public static let steps = 10

    public init(column: Int = 0, row: Int = 0) {
        self.column = column
        self.row = row
    }

    /// Where the cursor is across the box, 0 at the left (bottom) edge to 1 at the right (top).
    public var fraction: (x: Double, y: Double) {
        (Double(column + Self.steps) / Double(2 * Self.steps), Double(row + Self.steps) / Double(2 * Self.steps))
    }

    /// Moved by (dx, dy) steps, kept inside the box.
    public func moved(_ dx: Int, _ dy: Int) -> CodeCursor {
        CodeCursor(
            column: min(max(column + dx, -Self.steps), Self.steps), row: min(max(row + dy, -Self.steps), Self.steps))
    }
}
