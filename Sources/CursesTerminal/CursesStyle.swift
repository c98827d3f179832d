// CursesStyle: turns a cell's role and colours into curses attributes and a colour pair.
import CNcurses
import Workbench

/// Allocates curses colour pairs on demand, one per (foreground, background), and reuses them.
final class CursesColorPairs {
    private var pairs: [Int64: Int16] = [:]
    private var next: Int32 = 1
    private let limit: Int32

    init() {
        limit = min(aelab_color_pairs(), 32767)
    }

    /// The pair for the colours (-1 = terminal default); pair 0 when the table is full.
    func pair(foreground: Int32, background: Int32) -> Int16 {
        let key = Int64(foreground) << 32 | Int64(UInt32(bitPattern: background))
        if let known = pairs[key] { return known }
        guard next < limit else { return 0 }
        let number = Int16(next)
        init_pair(number, Int16(foreground), Int16(background))
        pairs[key] = number
        next += 1
        return number
    }
}

/// Curses attributes and colours of one cell under a theme and colour mode.
struct CursesStyle: Equatable {
    var attributes: UInt32
    var foreground: Int32
    var background: Int32

    init(cell: Cell, theme: Theme, colorMode: ColorMode) {
        attributes = Self.attributes(for: cell.role, colorMode: colorMode)
        guard colorMode != .none else {
            (foreground, background) = (-1, -1)
            return
        }
        let eight = colorMode == .colors8
        func index(_ color: ThemeColor) -> Int32 {
            Int32((eight ? color.index8 : color.index256) ?? -1)
        }
        func index(_ color: CellColor) -> Int32 {
            switch color {
            case .grey(let level): eight ? (level >= CellColor.greySteps / 2 ? 7 : 0) : Int32(232 + level)
            case .heat(let level): index(theme.heatColor(level))
            case .palette(let number): eight ? -1 : Int32(number)
            }
        }
        foreground = cell.foreground.map(index) ?? index(theme.foreground(cell.role))
        background =
            cell.background.map(index) ?? index(cell.role == .selection ? theme.selectionBackground : theme.background)
        // Eight colours can merge text with its background; keep text readable.
        if eight, cell.foreground == nil, foreground == background || (background == -1 && foreground == 0) {
            foreground = background == 7 ? 0 : 7
        }
    }

    private static func attributes(for role: StyleRole, colorMode: ColorMode) -> UInt32 {
        switch role {
        case .title, .statusPaused, .error, .helpKey: return aelab_a_bold()
        case .selection: return colorMode == .none ? aelab_a_reverse() : 0
        case .dim, .lossBatch: return colorMode == .none ? aelab_a_dim() : 0
        case .warning: return colorMode == .none ? aelab_a_bold() : 0
        default: return 0
        }
    }
}
