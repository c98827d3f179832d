// StatsReporter: the workbench's own figures for soak runs (AELAB_STATS): every interval, one
// JSON line with the frames drawn and their render times, the training done, and the resident
// memory. The UI loop times each frame through it and calls `tick` once a turn; what it reads
// (clocks, training totals, memory) and where the line goes are injected, so tests drive it
// with a fake clock.
import AutoencoderKit
import Formats
import Foundation

/// Collects frame render times and writes one JSON line per interval.
///
/// A record (one line of a `JSONLinesWriter` file, so a killed process leaves only whole lines):
/// `{"time":…,"seconds":…,"frames":…,"render_max_ms":…,"render_p50_ms":…,"render_p99_ms":…,
/// "frames_over_50ms":…,"frames_total":…,"render_max_ms_total":…,"render_p99_ms_total":…,"steps":…,"samples":…,
/// "samples_per_s":…,"rss_bytes":…,"cpu_s":…}`; `time` is wall-clock seconds since 1970,
/// `seconds` the interval's length, `steps` and `samples` totals since start, `samples_per_s`
/// over the interval, `cpu_s` the process's CPU time (user + system) since it started, so
/// samples per CPU second can be told apart from other processes taking the CPU. The last
/// line, written by `finish`, adds `"final":true`.
public final class StatsReporter {
    /// What the operating system says about the process; nil fields are unknown.
    public struct ProcessFigures: Sendable, Equatable {
        public var residentBytes: Int?
        public var cpuSeconds: Double?
        public init(residentBytes: Int?, cpuSeconds: Double?) {
            self.residentBytes = residentBytes
            self.cpuSeconds = cpuSeconds
        }
    }

    /// Training done since the session started, summed over every run.
    public struct TrainingTotals: Sendable, Equatable {
        public var steps: Int
        public var samples: Int
        public init(steps: Int, samples: Int) {
            self.steps = steps
            self.samples = samples
        }
    }

    private let intervalNanoseconds: UInt64
    private let clock: () -> UInt64
    private let wallClock: () -> Double
    private let training: () -> TrainingTotals
    private let process: () -> ProcessFigures
    private let write: (JSONObject) -> Void
    private var interval = FrameStatistics()
    /// Every frame since start.
    public private(set) var whole = FrameStatistics()
    private var intervalStart: UInt64
    private var lastTotals: TrainingTotals

    /// - Parameters:
    ///   - intervalSeconds: how often a line is written.
    ///   - clock: monotonic nanoseconds (frame times and intervals).
    ///   - wallClock: seconds since 1970, for the `time` field.
    ///   - training: the session's totals.
    ///   - process: the process's resident memory and CPU time.
    ///   - write: takes one record (a `JSONLinesWriter` appends it as one whole line).
    public init(
        intervalSeconds: Double, clock: @escaping () -> UInt64, wallClock: @escaping () -> Double,
        training: @escaping () -> TrainingTotals, process: @escaping () -> ProcessFigures,
        write: @escaping (JSONObject) -> Void
    ) {
        intervalNanoseconds = UInt64(max(0.1, intervalSeconds) * 1e9)
        self.clock = clock
        self.wallClock = wallClock
        self.training = training
        self.process = process
        self.write = write
        intervalStart = clock()
        lastTotals = training()
    }

    /// Runs `draw` (compose and present one frame) and records how long it took.
    public func timeFrame(_ draw: () -> Void) {
        let start = clock()
        draw()
        let elapsed = clock() &- start
        interval.record(nanoseconds: elapsed)
        whole.record(nanoseconds: elapsed)
    }

    /// Writes a line if the interval is over. Called once per UI turn.
    public func tick() {
        let now = clock()
        if now &- intervalStart >= intervalNanoseconds { emit(now: now, final: false) }
    }

    /// Writes the last, possibly short, interval (on the way out).
    public func finish() { emit(now: clock(), final: true) }

    private func emit(now: UInt64, final: Bool) {
        let seconds = Double(now &- intervalStart) / 1e9
        let totals = training()
        let samples = totals.samples - lastTotals.samples
        let figures = process()
        let record = JSONObject(
            [
                ("time", fixed(wallClock(), 3)), ("seconds", fixed(seconds, 3)),
                ("frames", .integer(interval.count)), ("render_max_ms", fixed(interval.maxMs, 3)),
                ("render_p50_ms", fixed(interval.percentileMs(0.5) ?? 0, 3)),
                ("render_p99_ms", fixed(interval.percentileMs(0.99) ?? 0, 3)),
                ("frames_over_50ms", .integer(interval.count(atLeastMs: 50))),
                ("frames_total", .integer(whole.count)), ("render_max_ms_total", fixed(whole.maxMs, 3)),
                ("render_p99_ms_total", fixed(whole.percentileMs(0.99) ?? 0, 3)),
                ("steps", .integer(totals.steps)), ("samples", .integer(totals.samples)),
                ("samples_per_s", fixed(seconds > 0 ? Double(samples) / seconds : 0, 1)),
                ("rss_bytes", figures.residentBytes.map { .integer($0) } ?? .null),
                ("cpu_s", figures.cpuSeconds.map { fixed($0, 3) } ?? .null),
            ] + (final ? [("final", .bool(true))] : []))
        write(record)
        interval = FrameStatistics()
        intervalStart = now
        lastTotals = totals
    }

    /// `value` rounded to `digits` decimals, as a JSON number (written as null when not finite).
    private func fixed(_ value: Double, _ digits: Int) -> JSONValue {
        let scale = pow(10, Double(digits))
        return .number((value * scale).rounded() / scale)
    }
}
