// AnomalyPanel: reconstruction error as an anomaly score (key A). The histogram of normal
// against held-out validation images, the AUROC of the error, and the worst-reconstructed
// images as input | reconstruction | per-pixel error. The session fills the report while this
// view is visible, at most once a second while training.
import AutoencoderKit

/// The anomalies view.
public struct AnomalyPanel: Panel {
    public init() {}

    /// The AUROC line (read by the end-to-end test), or how to get one.
    public static func aurocLine(_ report: AnomalyReport) -> String {
        guard let k = report.holdoutClass else {
            return
                "AUROC: needs a held-out class: start with --holdout-class K (or train.holdout_class = K in a preset)"
        }
        let value = report.auroc.map { String(format: "%.4f", $0) } ?? "-"
        return "AUROC \(value) of error as anomaly score (class \(k) held out of training)"
    }

    public func render(_ state: AppState, in rect: Rect, on canvas: inout TextCanvas) {
        let inner = canvas.box(rect, title: "anomalies: reconstruction error", glyphs: state.glyphMode)
        guard !inner.isEmpty else { return }
        guard let snapshot = state.selected, let report = snapshot.anomaly else {
            canvas.writeCentred("scoring the validation images", in: inner, y: inner.y + inner.height / 2, role: .dim)
            return
        }
        var y = inner.y
        let x = inner.x + 1
        let scored = report.normal.count + report.anomalous.count
        canvas.write(
            "error = mean \(report.unit) of each image, \(scored) \(report.setName) images", x: x, y: y, role: .dim,
            clip: inner)
        y += 1
        canvas.write(Self.aurocLine(report), x: x, y: y, role: report.auroc == nil ? .dim : .title, clip: inner)
        y += 1
        let imageScale = inner.width >= 110 ? 2 : 3
        let image = GreyImageWidget.cellSize(
            rows: snapshot.imageRows, columns: snapshot.imageColumns, scale: imageScale)
        let histogramHeight = max(3, inner.maxY - y - image.height - 2)
        drawHistograms(
            report, in: Rect(x: x, y: y, width: inner.width - 2, height: histogramHeight), state: state, on: &canvas)
        y += histogramHeight
        drawWorst(
            report, snapshot: snapshot, scale: imageScale,
            in: Rect(x: x, y: y, width: inner.width - 2, height: inner.maxY - y), state: state, on: &canvas)
    }

    /// Normal and held-out histograms side by side on the same bins, each as shares of its group.
    private func drawHistograms(_ report: AnomalyReport, in rect: Rect, state: AppState, on canvas: inout TextCanvas) {
        guard rect.height >= 3, rect.width >= 20 else { return }
        let groups: [(String, [Int], ErrorSummary, StyleRole)] =
            report.holdoutClass.map { k in
                [
                    ("normal", report.histogram.normal, report.normal, StyleRole.lossTrain),
                    ("held out (\(k))", report.histogram.anomalous, report.anomalous, StyleRole.lossValidation),
                ]
            } ?? [("all", report.histogram.normal, report.normal, StyleRole.lossTrain)]
        let shares = groups.map { group in group.1.map { Double($0) / Double(max(1, group.2.count)) } }
        let top = shares.flatMap { $0 }.max() ?? 0
        let width = (rect.width - 2 * (groups.count - 1)) / groups.count
        for (i, group) in groups.enumerated() {
            let column = Rect(x: rect.x + i * (width + 2), y: rect.y, width: width, height: rect.height)
            let summary = "\(group.0): \(group.2.count) img, median \(NumberFormat.value(group.2.median))"
            canvas.write(summary, x: column.x, y: column.y, role: group.3, clip: column)
            let bars = Rect(x: column.x, y: column.y + 1, width: column.width, height: column.height - 2)
            BarsWidget.draw(
                values: shares[i], in: bars, role: group.3, glyphs: state.glyphMode, maximum: top, on: &canvas)
            let low = NumberFormat.value(report.histogram.lower)
            let high = ">=" + NumberFormat.value(report.histogram.upper)
            canvas.write(low, x: column.x, y: column.maxY - 1, role: .axis, clip: column)
            canvas.writeRight(high + " " + report.unit, in: column, y: column.maxY - 1, role: .axis)
        }
    }

    /// As many worst-reconstructed images as fit: input | reconstruction | error (white = most).
    private func drawWorst(
        _ report: AnomalyReport, snapshot: TrainingSnapshot, scale: Int, in rect: Rect, state: AppState,
        on canvas: inout TextCanvas
    ) {
        guard rect.height >= 3 else { return }
        let rows = snapshot.imageRows
        let columns = snapshot.imageColumns
        let image = GreyImageWidget.cellSize(rows: rows, columns: columns, scale: scale)
        let triple = 3 * image.width + 2
        let count = min(report.worst.count, max(1, (rect.width + 2) / (triple + 2)))
        canvas.write(
            "worst reconstructed: input | reconstruction | error (white = \(NumberFormat.value(report.errorMapMaximum)) \(report.unit))",
            x: rect.x, y: rect.y, role: .dim, clip: rect)
        for (i, worst) in report.worst.prefix(count).enumerated() {
            let left = rect.x + i * (triple + 2)
            for (j, pixels) in [worst.input, worst.reconstruction, worst.errorMap].enumerated() {
                GreyImageWidget.draw(
                    pixels: pixels, rows: rows, columns: columns, scale: scale, x: left + j * (image.width + 1),
                    y: rect.y + 1,
                    clip: rect, glyphs: state.glyphMode, colors: state.colorMode, images: state.pixelImages,
                    on: &canvas)
            }
            let label = worst.label.map { " class \($0)" } ?? ""
            let held = worst.label != nil && worst.label == report.holdoutClass
            canvas.write(
                "#\(worst.index)\(label) \(NumberFormat.value(worst.error))", x: left, y: rect.y + 1 + image.height,
                role: held ? .lossValidation : .text, clip: Rect(x: left, y: rect.y, width: triple, height: rect.height)
            )
        }
    }
}
