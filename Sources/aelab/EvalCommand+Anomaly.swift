// EvalCommand+Anomaly: the anomalies view's figures as text: reconstruction error per image as
// an anomaly score, its histogram for normal and held-out images, the AUROC, the worst images.
import AutoencoderKit
import Foundation

extension EvalCommand {
    /// Prints the anomaly report of `set` (the held-out class is the checkpoint's).
    static func printAnomalies(_ trainer: Trainer, on set: ImageSet) {
        let report = trainer.inspector.anomalyReport(set, bins: 12, worstCount: 10)
        let unit = report.unit
        print("anomaly score: reconstruction error, mean \(unit) of each image, \(set.count) \(set.name) images")
        func line(_ name: String, _ s: ErrorSummary) -> String {
            "  \(name): \(s.count) images, mean \(fmt(s.mean, 5)) \(unit), median \(fmt(s.median, 5)) \(unit)"
        }
        if let k = report.holdoutClass {
            print(line("normal (classes != \(k))", report.normal))
            print(line("held out (class \(k))", report.anomalous))
            let auroc = report.auroc.map { fmt($0, 4) } ?? "- (no image of class \(k) in \(set.name))"
            print("  AUROC \(auroc) (error as a score for class \(k), exact by ranking, ties count half)")
        } else {
            print(line("all", report.normal))
            print(
                "  AUROC: not computed: this run trained on every class; train with --holdout-class K to score class K")
        }
        let h = report.histogram
        print("  histogram, \(h.normal.count) bins from \(fmt(h.lower, 4)) to >= \(fmt(h.upper, 4)) \(unit):")
        print(
            "    \(report.holdoutClass == nil ? "all     " : "normal  ") "
                + h.normal.map(String.init).joined(separator: " "))
        if report.holdoutClass != nil { print("    held out " + h.anomalous.map(String.init).joined(separator: " ")) }
        let worst = report.worst.map { w in
            "#\(w.index)" + (w.label.map { " (class \($0))" } ?? "") + " \(fmt(w.error, 4))"
        }
        print("  worst reconstructed (\(set.name) index, \(unit)): " + worst.joined(separator: ", "))
    }
}
