// ModelInspector+Anomaly: per-image reconstruction errors of a set and the anomaly report built from
// them, without changing the model or the run's generator.
import Foundation

extension ModelInspector {
    /// Each image's reconstruction loss, mean over pixels (the unit `config.loss.perPixelUnit`),
    /// for the first `limit` images of `set` (a VAE decodes its mean code, as in `evaluate`).
    public func imageErrors(_ set: ImageSet, limit: Int? = nil) -> [Double] {
        let n = min(set.count, limit ?? set.count)
        let d = config.architecture.inputSize
        var errors: [Double] = []
        errors.reserveCapacity(n)
        forwardInBatches(set, count: n) { batch in
            for row in 0..<batch.count {
                let total = config.loss.evaluate(
                    logits: model.outputLogits + row * d, output: model.reconstruction + row * d,
                    target: input.pointer + row * d, count: d, outputActivation: config.architecture.outputActivation,
                    gradient: nil, scale: 1, scratch: scratch.pointer)
                errors.append(total / Double(d))
            }
        }
        return errors
    }

    /// The anomaly report of the first `limit` images of `set`: images of `config.holdoutClass`
    /// are the anomalies, the rest normal (all normal without a held-out class or labels).
    /// - Parameters:
    ///   - bins: histogram bins.
    ///   - worstCount: worst-reconstructed images to keep with their error maps.
    public func anomalyReport(_ set: ImageSet, limit: Int? = nil, bins: Int = 24, worstCount: Int = 6) -> AnomalyReport
    {
        let errors = imageErrors(set, limit: limit)
        let holdout = config.holdoutClass
        let anomalous: (Int) -> Bool = { index in
            guard let holdout, let labels = set.labels else { return false }
            return Int(labels[index]) == holdout
        }
        let normalErrors = errors.indices.filter { !anomalous($0) }.map { errors[$0] }
        let anomalyErrors = errors.indices.filter(anomalous).map { errors[$0] }
        let worstIndices = Array(
            errors.indices.sorted { errors[$0] > errors[$1] || (errors[$0] == errors[$1] && $0 < $1) }.prefix(
                worstCount))
        let reconstructions = probe(set, indices: worstIndices).reconstructions
        let maps = zip(worstIndices, reconstructions).map {
            config.loss.pixelErrors(input: set.image($0), reconstruction: $1)
        }
        let maximum = maps.flatMap { $0 }.max() ?? 0
        let worst = zip(worstIndices, zip(reconstructions, maps)).map { index, pair in
            WorstImage(
                index: index, label: set.labels.map { Int($0[index]) }, error: errors[index],
                input: Array(set.image(index)), reconstruction: GreyPixels.bytes(pair.0),
                errorMap: pair.1.map { maximum > 0 ? UInt8(min(255, max(0, ($0 / maximum * 255).rounded()))) : 0 })
        }
        return AnomalyReport(
            unit: config.loss.perPixelUnit, holdoutClass: holdout, setName: set.name,
            normal: ErrorSummary(normalErrors), anomalous: ErrorSummary(anomalyErrors),
            histogram: ErrorHistogram(normal: normalErrors, anomalous: anomalyErrors, bins: bins),
            auroc: holdout == nil ? nil : AUROC.compute(normal: normalErrors, anomalous: anomalyErrors),
            worst: worst, errorMapMaximum: maximum)
    }
}
