// Layout: where each panel goes for a terminal size and view, with focus and expansion.

/// Every kind of panel a view can place.
public enum PanelID: String, CaseIterable, Sendable {
    case loss, images, codes, settings
    case unitMeans, histogram, scatter
    case filters, walk
    case compareLoss, compareTable, compareImages, compareCodes
    case anomaly
    case tree
}

/// The rectangles of one frame, in drawing order; the first slot gets focus index 0.
public struct ScreenLayout: Equatable, Sendable {
    public var slots: [(id: PanelID, rect: Rect)] = []
    public var status = Rect(x: 0, y: 0, width: 0, height: 0)

    /// The rectangle of a panel (empty when the view does not show it).
    public func rect(_ id: PanelID) -> Rect {
        slots.first { $0.id == id }?.rect ?? Rect(x: 0, y: 0, width: 0, height: 0)
    }
    public var loss: Rect { rect(.loss) }
    public var images: Rect { rect(.images) }
    public var codes: Rect { rect(.codes) }
    public var settings: Rect { rect(.settings) }

    public static func == (a: ScreenLayout, b: ScreenLayout) -> Bool {
        a.status == b.status && a.slots.map(\.id) == b.slots.map(\.id) && a.slots.map(\.rect) == b.slots.map(\.rect)
    }
}

/// Arranges panels. The dashboard puts loss over codes on the left and images over settings on
/// the right; the left column keeps at least 46 columns, so larger screens widen the image
/// panel and show more probes. Other views give their subject most of the screen. With `e`,
/// the focused panel takes the whole screen above the status line.
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
    /// - Parameters:
    ///   - focus: index of the focused slot (wraps around).
    ///   - expanded: the focused slot fills the screen.
    public static func arrange(_ view: View, size: TerminalSize, focus: Int = 0, expanded: Bool = false) -> ScreenLayout
    {
        let screen = Rect(x: 0, y: 0, width: size.columns, height: size.rows)
        let (main, status) = screen.splitBottom(1)
        var layout = ScreenLayout()
        layout.status = status
        layout.slots = slots(view, in: main)
        if expanded, !layout.slots.isEmpty {
            let focused = layout.slots[focusIndex(focus, count: layout.slots.count)]
            layout.slots = [(focused.id, main)]
        }
        return layout
    }

    /// The focused slot's index for a focus counter.
    public static func focusIndex(_ focus: Int, count: Int) -> Int {
        count == 0 ? 0 : ((focus % count) + count) % count
    }

    private static func slots(_ view: View, in main: Rect) -> [(id: PanelID, rect: Rect)] {
        switch view {
        case .dashboard:
            let (left, right) = main.splitLeft(max(leftMinimum, main.width * 45 / 100))
            let codesHeight = max(11, main.height * 2 / 5)
            let (loss, codes) = left.splitBottom(codesHeight)
            let (images, settings) = right.splitBottom(max(6, main.height / 4))
            return [(.loss, loss), (.images, images), (.codes, codes), (.settings, settings)]
        case .loss:
            let (loss, settings) = main.splitLeft(main.width - settingsColumn)
            return [(.loss, loss), (.settings, settings)]
        case .images:
            return [(.images, main)]
        case .codes:
            let (left, right) = main.splitLeft(main.width / 2)
            let (heatmap, means) = left.splitTop(main.height * 3 / 5)
            let (scatter, histogram) = right.splitTop(main.height * 3 / 5)
            return [(.codes, heatmap), (.scatter, scatter), (.unitMeans, means), (.histogram, histogram)]
        case .filters:
            return [(.filters, main)]
        case .walk:
            return [(.walk, main)]
        case .anomaly:
            return [(.anomaly, main)]
        case .compare:
            let topHeight = max(10, main.height * 2 / 5)
            let (top, bottom) = main.splitTop(topHeight)
            let (chart, table) = top.splitLeft(max(42, top.width - 40))
            let (codes, images) = bottom.splitLeft(max(40, bottom.width * 45 / 100))
            return [(.compareLoss, chart), (.compareTable, table), (.compareImages, images), (.compareCodes, codes)]
        case .tree:
            return [(.tree, main)]
        }
    }
}
