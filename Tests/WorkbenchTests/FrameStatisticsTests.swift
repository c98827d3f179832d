// FrameStatisticsTests: the render-time histogram (counts, maximum, percentiles, merging) and
// the stats reporter's JSON lines, driven by a fake clock.
import AutoencoderKit
import Foundation
import Testing

@testable import Formats
@testable import Workbench

@Suite("Frame statistics")
struct FrameStatisticsTests {
    @Test("an empty interval has no percentiles, a zero maximum and no mean")
    func empty() {
        let stats = FrameStatistics()
        #expect(stats.count == 0)
        #expect(stats.maxMs == 0)
        #expect(stats.meanMs == nil)
        #expect(stats.percentileMs(0.5) == nil)
    }

    @Test("percentiles are the upper edge of the 0.1 ms bucket holding the nearest rank")
    func percentiles() {
        var stats = FrameStatistics()
        // 1.00 ... 100.00 ms in 1 ms steps, shuffled: rank k holds k ms
        for ms in (1...100).shuffled() { stats.record(nanoseconds: UInt64(ms) * 1_000_000 - 1) }
        #expect(stats.count == 100)
        // 49.999999 ms falls in the bucket [49.9, 50.0): its upper edge is 50.0 ms
        #expect(abs((stats.percentileMs(0.5) ?? 0) - 50.0) < 1e-9)
        #expect(abs((stats.percentileMs(0.99) ?? 0) - 99.0) < 1e-9)
        #expect(abs(stats.maxMs - 99.999999) < 1e-9)
        #expect(abs((stats.meanMs ?? 0) - 50.499999) < 1e-6)
    }

    @Test("a percentile is never above the exact maximum")
    func cappedAtMaximum() {
        var stats = FrameStatistics()
        stats.record(nanoseconds: 2_030_000)  // 2.03 ms, in the bucket [2.0, 2.1)
        #expect(stats.percentileMs(0.99) == 2.03)
        #expect(stats.percentileMs(0.01) == 2.03)
    }

    @Test("frames over 100 ms land in the overflow bucket and report the maximum")
    func overflow() {
        var stats = FrameStatistics()
        for _ in 0..<98 { stats.record(nanoseconds: 3_000_000) }
        stats.record(nanoseconds: 150_000_000)
        stats.record(nanoseconds: 400_000_000)
        #expect(stats.percentileMs(0.98) == 3.1)  // 3.0 ms sits in [3.0, 3.1)
        #expect(stats.percentileMs(0.99) == 400)
        #expect(stats.maxMs == 400)
        #expect(stats.count(atLeastMs: 50) == 2)
        #expect(stats.count(atLeastMs: 3) == 100)
        #expect(stats.count(atLeastMs: 3.1) == 2)
        #expect(stats.count(atLeastMs: 500) == 2)  // the overflow bucket holds everything over 100 ms
    }

    @Test("merging two intervals equals recording every frame into one")
    func merging() {
        var first = FrameStatistics()
        var second = FrameStatistics()
        var both = FrameStatistics()
        for (index, ns) in [500_000, 7_000_000, 12_345_678, 900_000, 60_000_000].enumerated() {
            if index % 2 == 0 { first.record(nanoseconds: UInt64(ns)) } else { second.record(nanoseconds: UInt64(ns)) }
            both.record(nanoseconds: UInt64(ns))
        }
        first.merge(second)
        #expect(first == both)
        #expect(first.count == 5)
    }
}

@Suite("Stats reporter")
struct StatsReporterTests {
    /// A reporter on a fake clock (nanoseconds) whose frames take what `frameCost` says.
    final class Harness {
        var now: UInt64 = 1_000_000_000
        var totals = StatsReporter.TrainingTotals(steps: 0, samples: 0)
        var lines: [String] = []
        lazy var reporter = StatsReporter(
            intervalSeconds: 10, clock: { [unowned self] in now }, wallClock: { 1_700_000_000.5 },
            training: { [unowned self] in totals }, process: { .init(residentBytes: 48_000_000, cpuSeconds: 12.25) },
            write: { [unowned self] in lines.append(JSONLinesWriter.line($0)) })

        func frame(ms: Double) {
            reporter.timeFrame { now += UInt64(ms * 1e6) }
        }

        func fields(_ index: Int) throws -> [String: Any] {
            let data = try #require(lines[index].data(using: .utf8))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }
    }

    @Test("no line is written before the interval is over")
    func quietWithinInterval() {
        let h = Harness()
        _ = h.reporter
        h.frame(ms: 4)
        h.now += 9_000_000_000
        h.reporter.tick()
        #expect(h.lines.isEmpty)
    }

    @Test("a line per interval carries frames, render times, training and memory")
    func oneLine() throws {
        let h = Harness()
        _ = h.reporter
        for ms in [2.0, 3.0, 41.0] { h.frame(ms: ms) }
        h.totals = .init(steps: 700, samples: 89_600)
        h.now += 10_000_000_000 - 46_000_000  // 10 s after the start, frames included
        h.reporter.tick()
        #expect(h.lines.count == 1)
        #expect(h.lines[0].hasSuffix("}\n"))
        #expect(h.lines[0].filter { $0 == "\n" }.count == 1)
        let line = try h.fields(0)
        #expect(line["frames"] as? Int == 3)
        #expect(line["render_max_ms"] as? Double == 41.0)
        #expect(line["render_p50_ms"] as? Double == 3.1)  // 3.0 ms sits in [3.0, 3.1)
        #expect(line["render_p99_ms"] as? Double == 41.0)  // the bucket's edge, capped at the maximum
        #expect(line["frames_over_50ms"] as? Int == 0)
        #expect(line["steps"] as? Int == 700)
        #expect(line["samples"] as? Int == 89_600)
        #expect(line["samples_per_s"] as? Double == 8960.0)
        #expect(line["seconds"] as? Double == 10.0)
        #expect(line["rss_bytes"] as? Int == 48_000_000)
        #expect(line["cpu_s"] as? Double == 12.25)
        #expect(line["time"] as? Double == 1_700_000_000.5)
        #expect(line["final"] == nil)
    }

    @Test("each interval starts afresh while the totals keep every frame")
    func intervalsAndTotals() throws {
        let h = Harness()
        _ = h.reporter
        h.frame(ms: 30)
        h.totals = .init(steps: 100, samples: 10_000)
        h.now += 10_000_000_000
        h.reporter.tick()
        h.frame(ms: 5)
        h.frame(ms: 6)
        h.totals = .init(steps: 150, samples: 15_000)
        h.now += 5_000_000_000
        h.reporter.finish()
        #expect(h.lines.count == 2)
        let second = try h.fields(1)
        #expect(second["frames"] as? Int == 2)
        #expect(second["render_max_ms"] as? Double == 6.0)
        #expect(second["frames_total"] as? Int == 3)
        #expect(second["render_max_ms_total"] as? Double == 30.0)
        #expect(second["steps"] as? Int == 150)
        // 5,000 samples over the 5.011 s since the last line
        #expect(second["samples_per_s"] as? Double == 997.8)
        #expect(second["final"] as? Bool == true)
        #expect(h.reporter.whole.count == 3)
    }
}
