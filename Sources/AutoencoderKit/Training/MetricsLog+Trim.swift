// MetricsLog+Trim: cutting a run's metrics.jsonl back to what its checkpoint holds, so a run
// resumed after a kill (a Slurm requeue, `parallel --resume-failed`) never records an epoch twice.
//
// An epoch's line is appended before its checkpoint is written, so a process killed between
// the two leaves one line more than the checkpoint knows; a kill during a write leaves a
// partial last line. Both go; every other line is kept byte for byte.
import Formats
import Foundation

extension MetricsLog {
    /// Rewrites `path` atomically keeping the lines up to a checkpoint: epoch records with
    /// `epoch <= epoch`, other records (settings changes) with `step <= step`. Lines that are
    /// not JSON objects (a cut-off last line) are dropped. A missing file is left missing.
    /// - Returns: how many lines were dropped.
    /// - Throws: `FileError` naming the path when it cannot be read or rewritten.
    @discardableResult
    public static func trim(path: String, toEpoch epoch: Int, step: Int) throws(FileError) -> Int {
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        let bytes = try AtomicFile.read(path)
        var kept: [UInt8] = []
        var dropped = 0
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            if keeps(line, epoch: epoch, step: step) {
                kept += line
                kept.append(UInt8(ascii: "\n"))
            } else {
                dropped += 1
            }
        }
        if dropped > 0 { try AtomicFile.write(kept, to: path) }
        return dropped
    }

    /// What trimming reads of a line (our own metrics lines: Foundation's decoder suffices).
    private struct Stamp: Decodable {
        var event: String?
        var epoch: Int?
        var step: Int?
    }

    private static func keeps(_ line: ArraySlice<UInt8>, epoch: Int, step: Int) -> Bool {
        guard let record = try? JSONDecoder().decode(Stamp.self, from: Data(line)) else { return false }
        if (record.event ?? "epoch") == "epoch", let recordEpoch = record.epoch { return recordEpoch <= epoch }
        if let recordStep = record.step { return recordStep <= step }
        return true
    }
}
