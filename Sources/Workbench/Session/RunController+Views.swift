// RunController+Views: the costly view data (filters, code scatter, latent walk, anomaly
// report), computed on
// the training queue only while its view is visible and cached until the model changes.
import AutoencoderKit
import Dispatch

extension RunController {
    /// Most filter tiles computed (the widest screens show fewer).
    static let filterLimit = 200
    /// Validation samples in the scatter.
    static let scatterSamples = 500

    /// Decoder columns and encoder rows as normalized images.
    func filters() -> [FilterSet] {
        if let cache = filtersCache, cache.step == trainer.step { return cache.value }
        let rows = dataset.validation.rows
        let columns = dataset.validation.columns
        let layers = trainer.model.layout.layers
        var result: [FilterSet] = []
        if let last = layers.last, last.outputSize == rows * columns {
            let weights = trainer.inspector.pixelWeights(decoder: true, limit: Self.filterLimit)
            result.append(
                FilterSet(
                    title: "decoder columns", unitCount: last.inputSize, rows: rows, columns: columns,
                    tiles: FilterImages.normalized(weights)))
        }
        if let first = layers.first, first.inputSize == rows * columns {
            let weights = trainer.inspector.pixelWeights(decoder: false, limit: Self.filterLimit)
            result.append(
                FilterSet(
                    title: "encoder rows", unitCount: first.outputSize, rows: rows, columns: columns,
                    tiles: FilterImages.normalized(weights)))
        }
        filtersCache = (trainer.step, result)
        return result
    }

    /// The validation codes in two dimensions, labelled; with `cursor`, the decoding of the
    /// code the cursor's point maps back to (mean + basis·point).
    func scatter(cursor: CodeCursor? = nil) -> CodeScatter? {
        let (value, plane) = scatterAndPlane()
        guard var value, let plane, let cursor, let point = CodeProjection.point(cursor, in: value.points) else {
            return value
        }
        value.cursor = point
        value.cursorImage = trainer.inspector.decode(codes: [plane.code(at: point)]).first.map(GreyPixels.bytes)
        return value
    }

    /// The scatter and its plane, computed once per step.
    private func scatterAndPlane() -> (CodeScatter?, CodePlane?) {
        if let cache = scatterCache, cache.step == trainer.step { return (cache.value, cache.plane) }
        let set = dataset.validation
        let indices = Array(0..<min(set.count, Self.scatterSamples))
        let codes = trainer.inspector.probe(set, indices: indices).codes
        let value = CodeProjection.scatter(codes, labels: set.labels.map { labels in indices.map { labels[$0] } })
        let plane = CodeProjection.plane(codes)
        scatterCache = (trainer.step, value, plane)
        return (value, plane)
    }

    /// Validation codes whose range a traversal sweeps.
    static let traversalSamples = 200

    /// Decodings between two samples' codes, of the first with one unit changed, and of the
    /// first as that unit sweeps its range over the validation codes (a traversal).
    func walk(_ request: WalkRequest) -> LatentWalk? {
        if let cache = walkCache, cache.step == trainer.step, cache.request == request { return cache.value }
        let set = dataset.validation
        guard set.count > 0 else { return nil }
        let a = ((request.sampleA % set.count) + set.count) % set.count
        let b = ((request.sampleB % set.count) + set.count) % set.count
        let codes = trainer.inspector.probe(set, indices: [a, b]).codes
        guard codes.count == 2, let h = codes.first?.count, h > 0 else { return nil }
        let steps = max(2, request.steps)
        var line: [[Float]] = (0..<steps).map { step in
            let t = Float(step) / Float(steps - 1)
            return (0..<h).map { (1 - t) * codes[0][$0] + t * codes[1][$0] }
        }
        let unit = min(max(request.unit, 0), h - 1)
        var changed = codes[0]
        changed[unit] += request.offset
        line.append(changed)
        let range = unitRange(unit)
        line += (0..<steps).map { step in
            var code = codes[0]
            code[unit] = range.low + (range.high - range.low) * Float(step) / Float(steps - 1)
            return code
        }
        let all = trainer.inspector.decode(codes: line).map(GreyPixels.bytes)
        let decoded = Array(all.prefix(steps + 1))
        var value = LatentWalk(
            sampleA: a, sampleB: b, inputA: Array(set.image(a)), inputB: Array(set.image(b)),
            interpolation: Array(decoded.prefix(steps)), unit: unit, code: changed,
            varied: decoded.last ?? [], original: codes[0][unit], offset: request.offset)
        value.traversal = Array(all.dropFirst(steps + 1))
        (value.traversalLow, value.traversalHigh) = range
        if request.priorDraw > 0 {
            value.priorRequested = true
            value.prior = trainer.inspector.decodePrior(count: steps + 2, seed: UInt64(request.priorDraw)).map(
                GreyPixels.bytes)
        }
        walkCache = (trainer.step, request, value)
        return value
    }

    /// The smallest and largest value of code unit `unit` over the first validation samples.
    private func unitRange(_ unit: Int) -> (low: Float, high: Float) {
        let set = dataset.validation
        let values = trainer.inspector.probe(set, indices: Array(0..<min(set.count, Self.traversalSamples))).codes
            .compactMap { unit < $0.count && $0[unit].isFinite ? $0[unit] : nil }
        guard let low = values.min(), let high = values.max() else { return (0, 0) }
        return (low, high)
    }

    /// Validation images scored in the anomalies view (all of the digits' 1,000).
    static let anomalySamples = 1_000

    /// Reconstruction errors of the validation set as anomaly scores: recomputed when the model
    /// changed, but while the run trains at most once a second, and no sooner than four times
    /// the last computation took after it, so scoring costs training at most a fifth of its time
    /// (1,000 images each second took three quarters of it on a loaded 2-core machine).
    func anomaly() -> AnomalyReport {
        let now = DispatchTime.now().uptimeNanoseconds
        if let cache = anomalyCache,
            cache.step == trainer.step
                || (status == .running && now - cache.time < max(RunVisuals.refreshNanoseconds, 4 * cache.cost))
        {
            return cache.value
        }
        let value = trainer.inspector.anomalyReport(dataset.validation, limit: Self.anomalySamples)
        let end = DispatchTime.now().uptimeNanoseconds
        anomalyCache = (trainer.step, end, end - now, value)
        return value
    }
}
