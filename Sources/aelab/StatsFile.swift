// StatsFile: where the workbench's soak figures go when AELAB_STATS names a file: one JSON
// line every AELAB_STATS_SECONDS (default 10) seconds, appended by a JSONLinesWriter, with the
// process's resident memory (/proc/self/statm) and CPU time (getrusage).
import AutoencoderKit
import Dispatch
import Formats
import Foundation
import Workbench

#if canImport(Glibc)
    import Glibc
#endif

/// The stats reporter's setup: its file, its interval and what it reads from the process.
enum StatsFile {
    /// The reporter the workbench uses when AELAB_STATS is set, nil otherwise.
    /// - Throws: `UsageError` when the file cannot be opened or the interval is not a number.
    static func reporter(environment: [String: String], session: TrainingSession) throws -> StatsReporter? {
        guard let path = environment["AELAB_STATS"], !path.isEmpty else { return nil }
        var seconds = 10.0
        if let text = environment["AELAB_STATS_SECONDS"] {
            guard let value = Double(text), value >= 0.1 else {
                throw UsageError(message: "AELAB_STATS_SECONDS=\(text): expected a number of seconds, at least 0.1")
            }
            seconds = value
        }
        let file: JSONLinesWriter
        do {
            file = try JSONLinesWriter(path: path)
        } catch {
            throw UsageError(message: "AELAB_STATS: \(error)")
        }
        return StatsReporter(
            intervalSeconds: seconds, clock: { DispatchTime.now().uptimeNanoseconds },
            wallClock: { Date().timeIntervalSince1970 },
            training: {
                let totals = session.trainedTotals
                return StatsReporter.TrainingTotals(steps: totals.steps, samples: totals.samples)
            },
            process: { StatsReporter.ProcessFigures(residentBytes: residentBytes(), cpuSeconds: cpuSeconds()) },
            write: { try? file.append($0) })  // a figure that cannot be written is dropped
    }

    /// User plus system CPU time of this process, every thread, from getrusage.
    static func cpuSeconds() -> Double? {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return nil }
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Resident memory of this process: the second field of /proc/self/statm times the page size.
    static func residentBytes() -> Int? {
        let descriptor = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        let fields = String(decoding: buffer[0..<count], as: UTF8.self).split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * sysconf(Int32(_SC_PAGESIZE))
    }
}
