// RunController+Snapshot: turning a run into the immutable snapshot the UI draws. Runs on the
// training queue; the costly parts (filters, scatter, walk) only when the view asks for them.
import AutoencoderKit
import Dispatch
import Foundation

extension RunController {
    /// The run as the UI sees it now.
    /// - Parameter name: the name shown (the session numbers duplicates).
    func snapshot(name: String? = nil) -> TrainingSnapshot {
        let config = trainer.config
        let set = dataset.validation
        let probeIndices = self.probeIndices
        let visuals = currentVisuals(probeIndices)
        let probe = (reconstructions: visuals.reconstructions, codes: visuals.codes)
        let statistics = visuals.statistics
        let unit = config.loss.perPixelUnit
        let history = trainer.history
        // a bounded subset of the epochs, however long the run (see EpochSampling)
        let sampled = EpochSampling.indices(count: history.count).map { history[$0] }
        let train = MetricSeries(
            name: "train", unit: unit,
            points: sampled.map { SeriesPoint(x: Double($0.epoch), y: $0.trainLossPerPixel) })
        let validation = MetricSeries(
            name: "validation", unit: unit,
            points: sampled.map { SeriesPoint(x: Double($0.epoch), y: $0.validationLossPerPixel) })
        let inputs = probeIndices.map { Array(set.image($0)) }
        let errors = visuals.errors
        // each penalty its own per-epoch series, never folded into the loss
        let penaltySeries = (history.last?.penalties ?? []).map { term in
            MetricSeries(
                name: "\(term.name) penalty", unit: unit,
                points: sampled.compactMap { m in
                    m.penalties.first { $0.name == term.name }.map { SeriesPoint(x: Double(m.epoch), y: $0.value) }
                })
        }
        let lastPenalty = history.last.flatMap { $0.penalties.isEmpty ? nil : $0.penalties.reduce(0) { $0 + $1.value } }
        var snapshot = TrainingSnapshot(
            runName: name ?? config.name, status: status, epoch: trainer.epoch, totalEpochs: epochLimit,
            batchInEpoch: trainer.batchInEpoch, batchesPerEpoch: trainer.batchesPerEpoch,
            step: trainer.step, lossUnit: unit,
            batchLoss: MetricSeries(name: "batch", unit: unit, points: batchLoss.points),
            epochSeries: [train, validation] + penaltySeries, lastBatchLoss: batchLoss.latest,
            lastValidationLoss: history.last?.validationLossPerPixel, imageRows: set.rows,
            imageColumns: set.columns, probeInputs: inputs,
            probeReconstructions: probe.reconstructions.map(GreyPixels.bytes),
            probeCodes: probe.codes, codeStatistics: statistics,
            samplesPerSecond: status == .running ? samplesPerSecond : 0, settings: settings,
            note: note, pairID: pairID, probeStart: probeIndices.first ?? 0, probeErrors: errors,
            lastEpochSeconds: history.last?.seconds, lastPenalty: lastPenalty, jacobianNorm: visuals.jacobianNorm,
            references: references, codeHistogram: visuals.histogram,
            history: self.history.frames, historyInputs: historyIndices.map { Array(set.image($0)) },
            filters: display.filters ? filters() : [],
            scatter: display.scatter ? scatter(cursor: display.cursor) : nil,
            walk: display.walk.flatMap(walk))
        snapshot.anomaly = display.anomaly ? anomaly() : nil
        snapshot.noteIsError = noteIsError
        snapshot.pairStart = pairStart
        snapshot.lineage = trainer.lineage
        if display.roofline {
            if roofline == nil { roofline = Roofline.measure(trainer) }
            snapshot.roofline = roofline
        }
        return snapshot
    }

    /// Probe reconstructions, codes and code statistics: recomputed at most once a second while
    /// the run trains (images and heatmaps that change every frame would repaint most of the
    /// screen five times a second over a slow link), and at once when the run pauses or the
    /// probe page changes. An epoch's end does not force a recompute while training: the
    /// default model trains an epoch in a quarter of a second here, which made it four times
    /// a second (21.7 KB/s to the terminal instead of under 10).
    func currentVisuals(_ probeIndices: [Int]) -> RunVisuals {
        let now = DispatchTime.now().uptimeNanoseconds
        if let cached = cachedVisuals, status == .running,
            cached.probeIndices == probeIndices, now - cached.time < RunVisuals.refreshNanoseconds
        {
            return cached
        }
        let set = dataset.validation
        let probe = trainer.inspector.probe(set, indices: probeIndices)
        let statisticsCodes = trainer.inspector.probe(set, indices: statisticsIndices).codes
        let inputs = probeIndices.map { Array(set.image($0)) }
        let visuals = RunVisuals(
            time: now, epoch: trainer.epoch, probeIndices: probeIndices,
            reconstructions: probe.reconstructions, codes: probe.codes, statisticsCodes: statisticsCodes,
            statistics: CodeStatistics(codes: statisticsCodes),
            errors: zip(inputs, probe.reconstructions).map {
                trainer.config.loss.sampleError(input: $0, reconstruction: $1)
            },
            jacobianNorm: trainer.inspector.jacobianNorm(codes: statisticsCodes),
            histogram: CodeProjection.histogram(statisticsCodes))
        cachedVisuals = visuals
        return visuals
    }

    /// The validation samples shown as probes: `probeCount` from the requested page, wrapping.
    var probeIndices: [Int] {
        let count = dataset.validation.count
        guard count > 0 else { return [] }
        let start = ((display.probeStart % count) + count) % count
        return (0..<probeCount).map { (start + $0) % count }
    }

    /// The settings panel's label/value pairs.
    var settings: [(String, String)] {
        let config = trainer.config
        let a = config.architecture
        let o = config.optimizer
        var settings: [(String, String)] = [
            ("preset", config.name), ("layers", a.description),
            (
                "activation",
                a.hiddenActivation.rawValue
                    + (a.codeActivation != a.hiddenActivation ? " / code \(a.codeActivation.rawValue)" : "")
            ),
            ("output", "\(a.outputActivation.rawValue), \(config.loss.shortName)"),
            ("optimizer", o.kind.rawValue), ("learning rate", "\(trainer.optimizer.settings.learningRate)"),
            ("batch", "\(config.batchSize)"), ("seed", "\(config.seed)"), ("data", dataset.name),
        ]
        if a.tiedWeights { settings.append(("weights", "tied")) }
        if o.weightDecay > 0 { settings.append(("weight decay", "\(o.weightDecay)")) }
        return settings
    }

    /// Records the fixed probes at an epoch's end for scrubbing.
    func recordEpoch() {
        // the same forward passes the next snapshot needs (on the first probe page they are
        // reused from the cache instead of being run twice)
        let visuals = currentVisuals(historyIndices)
        history.add(
            EpochFrame(
                epoch: trainer.epoch, step: trainer.step,
                reconstructions: visuals.reconstructions.map(GreyPixels.bytes),
                codes: visuals.codes, statistics: visuals.statistics,
                validationLoss: trainer.history.last?.validationLossPerPixel))
    }
}

extension ReconstructionLoss {
    /// One sample's reconstruction error per pixel, from the output r in [0, 1] (BCE clamps r
    /// to [1e-6, 1 − 1e-6]); for the per-sample figures under probe images.
    func sampleError(input: [UInt8], reconstruction: [Float]) -> Double {
        guard !input.isEmpty, input.count == reconstruction.count else { return 0 }
        return pixelErrors(input: input, reconstruction: reconstruction).reduce(0, +) / Double(input.count)
    }
}
