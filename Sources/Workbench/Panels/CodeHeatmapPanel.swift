// CodeHeatmapPanel: the code layer's activations (units × probe samples) and sparsity figures.
import AutoencoderKit

/// A heatmap of probe codes with mean activation, share near zero and dead units underneath.
public struct CodeHeatmapPanel: Panel {
    public init() {}

    public func render(_ state: AppState, in rect: Rect, on canvas: inout TextCanvas) {
        let data = state.selected.map { state.probes(of: $0) }
        let units = data?.codes.first?.count ?? 0
        let when = data?.epochLabel.map { " \(state.glyphMode.separator) \($0)" } ?? ""
        let inner = canvas.box(
            rect, title: "code h: \(units) units \(state.glyphMode.times) samples\(when)", glyphs: state.glyphMode)
        guard !inner.isEmpty else { return }
        guard let data, units > 0 else {
            canvas.writeCentred("no code activations yet", in: inner, y: inner.y + inner.height / 2, role: .dim)
            return
        }
        let (mapArea, statsArea) = inner.splitBottom(inner.height > 1 ? 1 : 0)
        let group = (units + max(1, mapArea.width) - 1) / max(1, mapArea.width)
        HeatmapWidget.draw(
            values: data.codes, in: mapArea, glyphs: state.glyphMode, colors: state.colorMode, on: &canvas)
        Self.drawStatistics(data.statistics, units: units, group: group, in: statsArea, on: &canvas)
    }

    /// "mean 0.12  near 0 61%  dead 3/32" on the first row of `area`.
    static func drawStatistics(
        _ stats: CodeStatistics, units: Int, group: Int = 1, in area: Rect, on canvas: inout TextCanvas
    ) {
        var column = area.x
        let figures: [(String, String)] =
            [
                ("mean ", NumberFormat.value(Double(stats.meanActivation))),
                ("  near 0 ", NumberFormat.percent(Double(stats.nearZeroShare))),
                ("  dead ", "\(stats.deadUnits)/\(units)"),
            ] + (group > 1 ? [("  ", "\(group) units/col")] : [])
        for (label, value) in figures {
            column = canvas.write(label, x: column, y: area.y, role: .dim, clip: area)
            let role: StyleRole = label.contains("dead") && stats.deadUnits > 0 ? .warning : .text
            column = canvas.write(value, x: column, y: area.y, role: role, clip: area)
        }
    }
}
