// Layout: where each panel goes for a terminal size and view.

/// The rectangles of one frame. Panels not shown in a view have empty rectangles.
public struct ScreenLayout: Equatable, Sendable {
    public var loss = Rect(x: 0, y: 0, width: 0, height: 0)
    public var images = Rect(x: 0, y: 0, width: 0, height: 0)
    public var codes = Rect(x: 0, y: 0, width: 0, height: 0)
    public var settings = Rect(x: 0, y: 0, width: 0, height: 0)
    public var status = Rect(x: 0, y: 0, width: 0, height: 0)
}

/// Arranges panels. The dashboard puts loss over codes on the left and images over settings on
/// the right; the left column keeps at least 46 columns, so larger screens widen the image
/// panel and show more probes. Other views give one panel the whole screen (the loss view keeps
/// a settings column).
public enum Layout {
    /// Minimum width of the dashboard's left column.
    static let leftMinimum = 46
    /// Width of the settings column in the loss view.
    static let settingsColumn = 34

    /// True below 80 × 24.
    public static func isTooSmall(_ size: TerminalSize) -> Bool {
        size.columns < TerminalSize.minimum.columns || size.rows < TerminalSize.minimum.rows
    }

    /// The rectangles for `view` at `size` (which must not be too small).
    public static func arrange(_ view: View, size: TerminalSize) -> ScreenLayout {
        let screen = Rect(x: 0, y: 0, width: size.columns, height: size.rows)
        let (main, status) = screen.splitBottom(1)
        var layout = ScreenLayout()
        layout.status = status
        switch view {
        case .dashboard:
            let (left, right) = main.splitLeft(max(leftMinimum, main.width * 45 / 100))
            let codesHeight = max(11, main.height * 2 / 5)
            (layout.loss, layout.codes) = left.splitBottom(codesHeight)
            (layout.images, layout.settings) = right.splitBottom(max(6, main.height / 4))
        case .loss:
            (layout.loss, layout.settings) = main.splitLeft(main.width - settingsColumn)
        case .images:
            layout.images = main
        case .codes:
            layout.codes = main
        }
        return layout
    }
}
