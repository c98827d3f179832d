// BranchTreePanel: the tree of forked runs (key `T`): each branch with where it forked
// (epoch/step), what changed and its loss now; the selected branch is highlighted and is the
// one the other views show (`up`/`down` or `w`/`W` move between branches, `B` forks it).
import AutoencoderKit

/// The branch tree of the kept runs.
public struct BranchTreePanel: Panel {
    public init() {}

    /// One row of the tree: the run's index in `state.runs` and its depth.
    struct Row: Equatable {
        var index: Int
        var depth: Int
        /// Whether the run is the last child of its parent (draws └ instead of ├).
        var last: Bool
        /// For each ancestor level above, whether a line continues there (│).
        var rails: [Bool]
    }

    /// The runs in depth-first order: roots (runs not forked, or whose parent is closed) in the
    /// session's order, each followed by its forks.
    static func rows(_ runs: [TrainingSnapshot]) -> [Row] {
        let names = runs.map(\.runName)
        func parentIndex(_ run: TrainingSnapshot) -> Int? {
            guard let parent = run.lineage?.parent else { return nil }
            return names.firstIndex(of: parent)
        }
        let parents = runs.map(parentIndex)
        var result: [Row] = []
        func visit(_ index: Int, depth: Int, last: Bool, rails: [Bool]) {
            result.append(Row(index: index, depth: depth, last: last, rails: rails))
            let children = runs.indices.filter { parents[$0] == index }
            for (k, child) in children.enumerated() {
                visit(child, depth: depth + 1, last: k == children.count - 1, rails: depth == 0 ? [] : rails + [!last])
            }
        }
        for index in runs.indices where parents[index] == nil { visit(index, depth: 0, last: true, rails: []) }
        return result
    }

    public func render(_ state: AppState, in rect: Rect, on canvas: inout TextCanvas) {
        let sep = state.glyphMode.separator
        let forks = state.runs.filter { $0.lineage != nil }.count
        let unit = state.selected.map { " \(sep) \($0.lossUnit)" } ?? ""
        let inner = canvas.box(
            rect, title: "branch tree \(sep) \(state.runs.count) runs, \(forks) forks\(unit)", glyphs: state.glyphMode)
        guard !inner.isEmpty else { return }
        let numberWidth = 9
        let changeWidth = 14
        let atWidth = 11
        let nameWidth = max(8, inner.width - atWidth - changeWidth - 2 * numberWidth - 1)
        func columns(_ cells: [String], y: Int, roles: [StyleRole]) {
            var x = inner.x + 1
            let widths = [nameWidth, atWidth, changeWidth, numberWidth, numberWidth]
            for (k, cell) in cells.enumerated() where k < widths.count {
                let text = String(cell.prefix(widths[k] - 1))
                canvas.write(
                    k >= 3 ? String(repeating: " ", count: max(0, widths[k] - 1 - text.count)) + text : text,
                    x: x, y: y, role: roles[k], clip: inner)
                x += widths[k]
            }
        }
        columns(
            ["run", "forked at", "change", "loss now", "val loss"], y: inner.y, roles: Array(repeating: .axis, count: 5)
        )
        let unicode = state.glyphMode.isUnicode
        for (offset, row) in Self.rows(state.runs).enumerated() {
            let y = inner.y + 1 + offset
            guard y < inner.maxY - 1 else { break }
            let run = state.runs[row.index]
            var prefix = row.rails.map { $0 ? (unicode ? "│ " : "| ") : "  " }.joined()
            if row.depth > 0 { prefix += row.last ? (unicode ? "└─" : "`-") : (unicode ? "├─" : "|-") }
            let selected = row.index == state.selectedRun
            let at = run.lineage.map { "e\($0.forkEpoch) s\($0.forkStep)" } ?? "start"
            let change = run.lineage?.change ?? "-"
            let loss = run.lastBatchLoss.map(NumberFormat.value) ?? "-"
            let validation = run.lastValidationLoss.map(NumberFormat.value) ?? "-"
            let base: StyleRole = selected ? .selection : .text
            columns(
                [(selected ? ">" : " ") + prefix + run.runName, at, change, loss, validation], y: y,
                roles: [base, selected ? .selection : .dim, selected ? .selection : .warning, base, base])
        }
        let hint = "up/down select \(sep) B forks the selected \(sep) x closes"
        canvas.write(String(hint.prefix(inner.width - 1)), x: inner.x + 1, y: inner.maxY - 1, role: .dim, clip: inner)
    }
}
