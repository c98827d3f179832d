// Theme: colours for every style role, the background, and the heat gradient.
import Foundation

/// A complete colour theme. Build one with `Theme.parse(_:name:file:)` from a `.theme` file;
/// anything the file leaves out comes from `Theme.builtInDefault`.
public struct Theme: Equatable, Sendable {
    /// The theme's name (the file name without `.theme`).
    public var name: String
    /// Background of the whole screen (`main_bg`); `.terminalDefault` keeps the terminal's own.
    public var background: ThemeColor
    /// Background of selected items (`selected_bg`).
    public var selectionBackground: ThemeColor
    /// Foreground of each role, by role.
    public var foregrounds: [StyleRole: ThemeColor]

    public init(
        name: String, background: ThemeColor, selectionBackground: ThemeColor, foregrounds: [StyleRole: ThemeColor]
    ) {
        self.name = name
        self.background = background
        self.selectionBackground = selectionBackground
        self.foregrounds = foregrounds
    }

    /// The role's foreground (the default theme's when this theme lacks it).
    public func foreground(_ role: StyleRole) -> ThemeColor {
        foregrounds[role] ?? Theme.builtInDefault.foregrounds[role] ?? .terminalDefault
    }

    /// The colour of heat step `level` (0 ... `CellColor.heatSteps - 1`), blended
    /// heat_start → heat_mid → heat_end.
    public func heatColor(_ level: Int) -> ThemeColor {
        let last = Double(CellColor.heatSteps - 1)
        let t = Double(min(max(level, 0), CellColor.heatSteps - 1)) / last
        if t <= 0.5 { return ThemeColor.mix(foreground(.heatLow), foreground(.heatMid), t * 2) }
        return ThemeColor.mix(foreground(.heatMid), foreground(.heatHigh), (t - 0.5) * 2)
    }

    /// The built-in dark theme; it matches `themes/default.theme`.
    public static let builtInDefault = Theme(
        name: "default",
        background: .terminalDefault,
        selectionBackground: .rgb(0x30, 0x40, 0x60),
        foregrounds: [
            .text: .rgb(0xcc, 0xcc, 0xcc), .dim: .rgb(0x70, 0x70, 0x70), .title: .rgb(0xee, 0xee, 0xee),
            .border: .rgb(0x50, 0x60, 0x70), .status: .rgb(0x8f, 0xd0, 0x8f),
            .statusPaused: .rgb(0xe0, 0xc0, 0x60), .statusFinished: .rgb(0x80, 0xb0, 0xe0),
            .lossTrain: .rgb(0x5f, 0xaf, 0xff), .lossValidation: .rgb(0xff, 0x87, 0x5f),
            .lossBatch: .rgb(0x4e, 0x5e, 0x7e), .axis: .rgb(0x90, 0x90, 0x90),
            .heatLow: .rgb(0x10, 0x10, 0x30), .heatMid: .rgb(0xb0, 0x40, 0x60), .heatHigh: .rgb(0xff, 0xe0, 0x80),
            .image: .rgb(0xee, 0xee, 0xee), .help: .rgb(0xcc, 0xcc, 0xcc), .helpKey: .rgb(0xff, 0xd7, 0x5f),
            .warning: .rgb(0xff, 0xaf, 0x00), .error: .rgb(0xff, 0x50, 0x50), .selection: .rgb(0xff, 0xff, 0xff),
            .reference: .rgb(0x8a, 0x8a, 0x5a), .runA: .rgb(0x5f, 0xd7, 0xff), .runB: .rgb(0xff, 0x87, 0xd7),
        ])
}
