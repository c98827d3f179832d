// ProbeData: the probe images, codes and statistics a panel shows: live, or from the epoch
// being scrubbed to (`{`/`}`), so every view scrubs the same way.
import AutoencoderKit

/// Probe samples as shown: inputs, reconstructions, codes, statistics, per-sample errors.
struct ProbeData {
    var inputs: [[UInt8]]
    var corrupted: [[UInt8]]?
    var reconstructions: [[UInt8]]
    var codes: [[Float]]
    var statistics: CodeStatistics
    /// Per-sample error in the run's loss unit (live only).
    var errors: [Double]
    /// Validation index of the first probe.
    var start: Int
    /// "epoch 3 of 7 kept" when scrubbing, nil when live.
    var epochLabel: String?
}

extension TrainingSnapshot {
    /// The kept frame of `epoch`, or the latest one before it.
    func frame(atOrBefore epoch: Int) -> EpochFrame? {
        history.last { $0.epoch <= epoch } ?? history.first
    }
}

extension AppState {
    /// What `snapshot`'s panels show under the current scrub position.
    func probes(of snapshot: TrainingSnapshot) -> ProbeData {
        if let epoch = options.scrubEpoch, let frame = snapshot.frame(atOrBefore: epoch) {
            let index = (snapshot.history.firstIndex(of: frame) ?? 0) + 1
            return ProbeData(
                inputs: snapshot.historyInputs, corrupted: nil, reconstructions: frame.reconstructions,
                codes: frame.codes,
                statistics: frame.statistics, errors: [], start: 0,
                epochLabel: "epoch \(frame.epoch) (\(index)/\(snapshot.history.count) kept)")
        }
        return ProbeData(
            inputs: snapshot.probeInputs, corrupted: snapshot.probeCorrupted,
            reconstructions: snapshot.probeReconstructions,
            codes: snapshot.probeCodes, statistics: snapshot.codeStatistics, errors: snapshot.probeErrors,
            start: snapshot.probeStart, epochLabel: nil)
    }

    /// The epochs the selected run kept, for scrubbing.
    var keptEpochs: [Int] { selected?.history.map(\.epoch) ?? [] }
}
