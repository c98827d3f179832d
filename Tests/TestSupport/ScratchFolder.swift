// ScratchFolder: a fresh folder under the system temporary folder for a test's files.

import Foundation

/// A fresh folder under the system temporary folder, removed by `remove()`.
public struct ScratchFolder {
    public let path: String

    public init(_ label: String = "io") throws {
        let base = NSTemporaryDirectory() + "aelab-\(label)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        path = base
    }

    public func file(_ name: String) -> String { path + "/" + name }

    public func contents() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}
