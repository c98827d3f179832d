// FiltersPanel: the decoder's weight columns over the encoder's rows, as image tiles
// normalized as in the UFLDL exercise (mid-grey is zero), as many as fit.
import AutoencoderKit

/// Weight tiles of the layers that touch the pixels (computed only while this view is visible).
public struct FiltersPanel: Panel {
    public init() {}

    public func render(_ state: AppState, in rect: Rect, on canvas: inout TextCanvas) {
        let sets = state.selected?.filters ?? []
        guard !sets.isEmpty else {
            let inner = canvas.box(rect, title: "filters", glyphs: state.glyphMode)
            canvas.writeCentred("computing filters", in: inner, y: inner.y + inner.height / 2, role: .dim)
            return
        }
        var area = rect
        for (index, set) in sets.enumerated() {
            let share = index == sets.count - 1 ? area.height : area.height / (sets.count - index)
            let part: Rect
            (part, area) = area.splitTop(share)
            Self.drawSet(set, in: part, state: state, on: &canvas)
        }
    }

    /// One layer's tiles in a box: full size when it shows at least 8, else smaller.
    static func drawSet(_ set: FilterSet, in rect: Rect, state: AppState, on canvas: inout TextCanvas) {
        let probeRect = rect.inset(by: 1)
        let layout = ImagesPanel.arrangement(
            probes: set.tiles.count, rows: set.rows, columns: set.columns, in: probeRect, perGroup: 1, maxScale: 3,
            preferMore: true, gap: 1)
        let title = "\(set.title): \(layout.count) of \(set.unitCount) (scale 1/\(layout.scale), grey = 0)"
        let inner = canvas.box(rect, title: title, glyphs: state.glyphMode)
        guard !inner.isEmpty, layout.count > 0 else { return }
        let groups = set.tiles.prefix(layout.count).map { [$0] }
        ImagesPanel.drawGroups(
            Array(groups), captions: [], rows: set.rows, columns: set.columns, in: inner, state: state, maxScale: 3,
            preferMore: true, gap: 1, on: &canvas)
    }
}
