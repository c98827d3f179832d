// Cell: one character cell of a canvas: a glyph, a style role and optional explicit colours.

/// An explicit colour for an image or heatmap cell; the theme maps it to the terminal.
public enum CellColor: Equatable, Hashable, Sendable {
    /// A step of the 24-step grey ramp, 0 (near black) ... 23 (near white); xterm 232 + level.
    case grey(Int)
    /// A step of the theme's heat gradient, 0 (heat_start) ... `CellColor.heatSteps - 1` (heat_end).
    case heat(Int)
    /// A 256-colour palette index, drawn as is: the id of the kitty image whose Unicode
    /// placeholder the cell holds (kitty reads the image id from the foreground colour).
    case palette(Int)

    /// Steps of the heat gradient.
    public static let heatSteps = 16
    /// Steps of the grey ramp.
    public static let greySteps = 24
}

/// One cell: what is drawn and how it is styled.
public struct Cell: Equatable, Hashable, Sendable {
    public var glyph: Character
    public var role: StyleRole
    /// Explicit foreground; overrides the role's colour when set.
    public var foreground: CellColor?
    /// Explicit background; overrides the theme background when set.
    public var background: CellColor?

    public init(glyph: Character, role: StyleRole = .text, foreground: CellColor? = nil, background: CellColor? = nil) {
        self.glyph = glyph
        self.role = role
        self.foreground = foreground
        self.background = background
    }

    /// An empty cell in the text role.
    public static let blank = Cell(glyph: " ")
}
