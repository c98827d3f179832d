// CompareTablePanel: the compare view's table: each metric for A and B and the difference B-A.
import AutoencoderKit
import Foundation

/// Metrics of the two compared runs side by side.
public struct CompareTablePanel: Panel {
    public init() {}

    /// One table row: a label and each run's value (nil when not available).
    struct Row {
        var label: String
        var a: Double?
        var b: Double?
        var percent = false
    }

    /// The rows for two runs (live, or at the scrubbed epoch for the code figures and loss).
    static func rows(_ state: AppState, _ a: TrainingSnapshot, _ b: TrainingSnapshot) -> [Row] {
        let pa = state.probes(of: a)
        let pb = state.probes(of: b)
        func loss(_ s: TrainingSnapshot) -> Double? {
            if let epoch = state.options.scrubEpoch { return s.frame(atOrBefore: epoch)?.validationLoss }
            return s.lastValidationLoss ?? s.lastBatchLoss
        }
        let norm = state.glyphMode.isUnicode ? "‖J‖F" : "|J|F"
        return [
            Row(label: "recon", a: loss(a), b: loss(b)),
            Row(label: "penalty", a: a.lastPenalty, b: b.lastPenalty),
            Row(label: "mean h", a: Double(pa.statistics.meanActivation), b: Double(pb.statistics.meanActivation)),
            Row(
                label: "near 0", a: Double(pa.statistics.nearZeroShare), b: Double(pb.statistics.nearZeroShare),
                percent: true),
            Row(label: "dead", a: Double(pa.statistics.deadUnits), b: Double(pb.statistics.deadUnits)),
            Row(label: norm, a: a.jacobianNorm, b: b.jacobianNorm),
            Row(label: "epoch s", a: a.lastEpochSeconds, b: b.lastEpochSeconds),
        ]
    }

    public func render(_ state: AppState, in rect: Rect, on canvas: inout TextCanvas) {
        guard let (a, b, paired) = Comparison.runs(state) else {
            let inner = canvas.box(rect, title: "metrics", glyphs: state.glyphMode)
            canvas.writeCentred(Comparison.hint, in: inner, y: inner.y + inner.height / 2, role: .dim)
            return
        }
        let when =
            state.options.scrubEpoch.map { "at epoch \($0)" }
            ?? (a.epoch == b.epoch ? "epoch \(a.epoch)" : "A epoch \(a.epoch), B epoch \(b.epoch)")
        let sep = state.glyphMode.separator
        let inner = canvas.box(rect, title: "\(Comparison.relation(paired)) \(sep) \(when)", glyphs: state.glyphMode)
        guard !inner.isEmpty else { return }
        let labelWidth = min(12, max(8, inner.width - 27))
        let valueWidth = max(6, (inner.width - labelWidth) / 3)
        func cell(_ text: String, column: Int, row: Int, role: StyleRole) {
            let x = inner.x + labelWidth + column * valueWidth
            let clipped = String(text.prefix(valueWidth - 1))
            canvas.write(clipped.padding(toLength: valueWidth - 1), x: x, y: row, role: role, clip: inner)
        }
        canvas.write(a.lossUnit == b.lossUnit ? a.lossUnit : "", x: inner.x, y: inner.y, role: .axis, clip: inner)
        cell("A", column: 0, row: inner.y, role: .runA)
        cell("B", column: 1, row: inner.y, role: .runB)
        cell("B-A", column: 2, row: inner.y, role: .dim)
        let rows = Self.rows(state, a, b)
        for (offset, row) in rows.enumerated() {
            let y = inner.y + 1 + offset
            guard y < inner.maxY else { break }
            canvas.write(String(row.label.prefix(labelWidth - 1)), x: inner.x, y: y, role: .dim, clip: inner)
            cell(Self.format(row.a, row.percent), column: 0, row: y, role: .text)
            cell(Self.format(row.b, row.percent), column: 1, row: y, role: .text)
            if let va = row.a, let vb = row.b {
                let difference = vb - va
                let magnitude = Self.format(abs(difference), row.percent)
                let same = difference == 0 || magnitude == "0%"
                cell(
                    same ? "0" : (difference > 0 ? "+" : "-") + magnitude, column: 2, row: y,
                    role: same ? .dim : .warning)
            } else {
                cell("-", column: 2, row: y, role: .dim)
            }
        }
        // what the pair shares at the start, in the lines left below the table
        if paired, let start = a.pairStart ?? b.pairStart {
            let first = inner.y + 1 + rows.count
            let lines = Self.wrap("start: " + start, width: inner.width)
            for (offset, line) in lines.enumerated() where first + offset < inner.maxY {
                canvas.write(line, x: inner.x, y: first + offset, role: .dim, clip: inner)
            }
        }
    }

    /// `text` broken at spaces into lines of at most `width` characters.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    static func format(_ value: Double?, _ percent: Bool) -> String {
        guard let value else { return "-" }
        return percent ? NumberFormat.percent(value) : NumberFormat.value(value)
    }
}
