// DataTestSupport: temporary folders, byte-level helpers and text rendering for the data tests.
import AutoencoderKit
import Foundation

/// A fresh temporary folder, removed when the value is released.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "aelab-data-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `bytes` to `name` inside the folder and returns the full path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    func file(_ name: String) -> String { path + "/" + name }
}

/// A tiny labelled image set: `count` images of rows x columns with distinct pixel values.
func tinySet(count: Int = 3, rows: Int = 4, columns: Int = 5) -> ImageSet {
    let d = rows * columns
    let pixels = (0..<(count * d)).map { UInt8(truncatingIfNeeded: $0 * 7) }
    let labels = (0..<count).map { UInt8($0 % 10) }
    return ImageSet(name: "tiny", rows: rows, columns: columns, pixels: pixels, labels: labels)
}

/// The package root (for samples/), found from this file's path.
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()
