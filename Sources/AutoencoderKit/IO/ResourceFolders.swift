// ResourceFolders: finds the project's data folders (samples/ for presets, themes/) at run
// time: an explicit override, then the current folder, then beside the executable or in any
// folder above it (so `.build/release/aelab` finds the checkout's folders).
import Foundation

public enum ResourceFolders {
    /// Existing folders named `name`, in search order, without repeats.
    /// - Parameter override: a folder to search first (from an environment variable), if any.
    public static func search(
        _ name: String, override: String?,
        currentFolder: String = FileManager.default.currentDirectoryPath,
        executable: String = CommandLine.arguments.first ?? ""
    ) -> [String] {
        var candidates: [String] = []
        if let override, !override.isEmpty { candidates.append(override) }
        candidates.append((currentFolder as NSString).appendingPathComponent(name))
        var folder = ((executable as NSString).resolvingSymlinksInPath as NSString).deletingLastPathComponent
        if !folder.hasPrefix("/") { folder = (currentFolder as NSString).appendingPathComponent(folder) }
        for _ in 0..<6 where folder != "/" && !folder.isEmpty {
            candidates.append((folder as NSString).appendingPathComponent(name))
            folder = (folder as NSString).deletingLastPathComponent
        }
        var seen: Set<String> = []
        return candidates.map { ($0 as NSString).standardizingPath }.filter { path in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return false }
            return seen.insert(path).inserted
        }
    }
}
