// MetricsFile: appends one JSON object per line; each line goes out in one write, so a killed
// process leaves only complete lines.
import Foundation

final class MetricsFile {
    let path: String
    private let handle: FileHandle

    init(path: String) throws {
        self.path = path
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw RunError(message: "cannot create \(path)")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw RunError(message: "cannot open \(path) for writing")
        }
        handle.seekToEndOfFile()
        self.handle = handle
    }

    func append(_ fields: [(String, Double)]) throws {
        let body = fields.map { key, value in
            let number = value.isFinite ? (value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)) : "null"
            return "\"\(key)\":\(number)"
        }.joined(separator: ",")
        do {
            try handle.write(contentsOf: Data(("{" + body + "}\n").utf8))
        } catch {
            throw RunError(message: "cannot write \(path): \(error.localizedDescription)")
        }
    }
}
