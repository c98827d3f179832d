// SnapshotAssertion: compares rendered text with files in Snapshots/, or records them.
//
// Files are found next to this source file (#filePath), not through Bundle.module: recording
// must write into the source tree, and a bundle copy would be stale after `swift build`.
// Set AELAB_RECORD_SNAPSHOTS=1 to (re)write every compared file instead of comparing.
import Foundation
import Testing

enum SnapshotAssertion {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Snapshots")

    static var recording: Bool { ProcessInfo.processInfo.environment["AELAB_RECORD_SNAPSHOTS"] == "1" }

    /// Fails with a line diff when `actual` differs from Snapshots/`name`.
    static func assertMatches(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let file = directory.appendingPathComponent(name)
        let text = actual + "\n"
        if recording {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            do { try text.write(to: file, atomically: true, encoding: .utf8) } catch {
                Issue.record("cannot write snapshot \(file.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record(
                "missing snapshot \(file.path); run with AELAB_RECORD_SNAPSHOTS=1 to record it",
                sourceLocation: sourceLocation)
            return
        }
        guard expected != text else { return }
        Issue.record(
            "snapshot \(name) differs:\n\(diff(expected: expected, actual: text))", sourceLocation: sourceLocation)
    }

    /// The differing lines, numbered, as `-expected` / `+actual` pairs (at most 20).
    static func diff(expected: String, actual: String) -> String {
        let a = expected.components(separatedBy: "\n")
        let b = actual.components(separatedBy: "\n")
        var out: [String] = []
        for i in 0..<max(a.count, b.count) where out.count < 40 {
            let left = i < a.count ? a[i] : "<missing>"
            let right = i < b.count ? b[i] : "<missing>"
            if left != right {
                out.append(String(format: "%4d -", i + 1) + left)
                out.append(String(format: "%4d +", i + 1) + right)
            }
        }
        return out.joined(separator: "\n")
    }
}
