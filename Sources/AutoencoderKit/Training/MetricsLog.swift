// MetricsLog: a run's metrics.jsonl: one record per epoch and one per settings change.
//
// Records (keys in this order; loss names carry their unit and reduction):
//   {"event":"epoch","time":"2026-12-03T07:01:02.345Z","epoch":3,"step":1290,"train_bce_per_pixel":..,"train_bce_per_image":..,
//    "train_l1_penalty":..,"train_total":..,"val_bce_per_pixel":..,"val_bce_per_image":..,
//    "mean_code_activation":..,"near_zero_share":..,"dead_units":..,"epoch_seconds":..,
//    "samples_per_second":..,"learning_rate":..}
// (the keys of `EpochMetrics.fields`: penalties, corrupted validation loss and the Jacobian
// norm appear when the run has them)
//   {"event":"setting","time":"2026-12-03T07:05:00.001Z","step":1290,"epoch":3,"learning_rate":0.0003}
// so a curve with a learning-rate change can be explained later. "time" is the wall clock when
// the line was written, ISO 8601 in UTC with milliseconds (`aelab train --out` lines have it;
// the workbench's rewritten record does not know when its past epochs ended and leaves it out). Written through
// JSONLinesWriter: each line is one write, a killed process leaves complete lines.

import Formats

/// A change of a setting made during a run (by the user, or on resume).
public struct SettingChange: Sendable, Equatable {
    /// Batches since the start of the run when the change took effect.
    public var step: Int
    /// Completed epochs at that moment.
    public var epoch: Int
    /// The metric name of the setting: "learning_rate", "regularization_weight", ...
    public var name: String
    /// The new value.
    public var value: Double

    public init(step: Int, epoch: Int, name: String, value: Double) {
        self.step = step
        self.epoch = epoch
        self.name = name
        self.value = value
    }

    /// A change taking effect now in `trainer`'s run.
    public init(trainer: Trainer, name: String, value: Double) {
        self.init(step: trainer.step, epoch: trainer.epoch, name: name, value: value)
    }

    /// The metrics line: {"event":"setting","step":..,"epoch":..,"<name>":value}.
    public var record: JSONObject {
        ["event": "setting", "step": .integer(step), "epoch": .integer(epoch), name: .number(value)]
    }
}

/// Appends a run's records to its metrics.jsonl; one instance per file, one thread at a time.
public final class MetricsLog {
    /// The file name in a run's folder.
    public static let fileName = "metrics.jsonl"
    private let writer: JSONLinesWriter
    /// The file's path.
    public var path: String { writer.path }

    /// Opens (creating if needed) `path` for appending; an existing file (a resumed run) grows.
    /// - Throws: `FileError` naming the path.
    public init(path: String) throws(FileError) {
        writer = try JSONLinesWriter(path: path)
    }

    /// Keys whose values are counts, written as JSON integers.
    static let wholeNumberKeys: Set<String> = ["epoch", "step", "dead_units"]

    /// The record of a finished epoch: "event" then `metrics.fields` in order.
    /// - Parameter time: unix seconds of the line's writing, written as "time"; nil leaves it out.
    public static func record(_ metrics: EpochMetrics, time: Double? = nil) -> JSONObject {
        var record: JSONObject = ["event": "epoch"]
        if let time { record.append("time", .string(WallClock.iso8601(time))) }
        for (key, value) in metrics.fields {
            record.append(key, wholeNumberKeys.contains(key) ? .integer(Int(value)) : .number(value))
        }
        return record
    }

    /// Appends an epoch's record and syncs the file to disk.
    /// - Throws: `FileError` (e.g. ENOSPC) naming the path.
    /// - Parameter time: unix seconds written as the line's "time" (default: now).
    public func append(_ metrics: EpochMetrics, time: Double = WallClock.now()) throws(FileError) {
        try writer.append(Self.record(metrics, time: time))
        try writer.sync()
    }

    /// Appends a settings change.
    /// - Throws: `FileError` naming the path.
    public func append(_ change: SettingChange, time: Double = WallClock.now()) throws(FileError) {
        var record: JSONObject = ["event": "setting", "time": .string(WallClock.iso8601(time))]
        for (key, value) in change.record.fields where key != "event" { record.append(key, value) }
        try writer.append(record)
    }
}

extension Trainer {
    /// Sets the learning rate from now on and returns the change to record in the metrics
    /// (`MetricsLog.append(_:)`); the session calls this when the user changes it.
    @discardableResult
    public func changeLearningRate(to rate: Float) -> SettingChange {
        setLearningRate(rate)
        return SettingChange(trainer: self, name: "learning_rate", value: Double(rate))
    }
}
