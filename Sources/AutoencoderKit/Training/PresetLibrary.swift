// PresetLibrary: finds presets by name in the preset folders, or by path.
//
// Search order: $AELAB_PRESETS, then `samples/` in the current folder, then `samples/` beside
// the executable or in any folder above it (so `.build/release/aelab` finds the checkout's
// samples/).
import Foundation

/// The preset folders and the presets in them.
public struct PresetLibrary: Sendable {
    /// Folders searched, in order (existing ones only).
    public let folders: [String]

    /// The default folders for this process.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, currentFolder: String = FileManager.default.currentDirectoryPath, executable: String = CommandLine.arguments.first ?? "") {
        var candidates: [String] = []
        if let custom = environment["AELAB_PRESETS"], !custom.isEmpty { candidates.append(custom) }
        candidates.append((currentFolder as NSString).appendingPathComponent("samples"))
        var folder = ((executable as NSString).resolvingSymlinksInPath as NSString).deletingLastPathComponent
        if !folder.hasPrefix("/") { folder = (currentFolder as NSString).appendingPathComponent(folder) }
        for _ in 0..<6 where folder != "/" && !folder.isEmpty {
            candidates.append((folder as NSString).appendingPathComponent("samples"))
            folder = (folder as NSString).deletingLastPathComponent
        }
        var seen: Set<String> = []
        folders = candidates.map { ($0 as NSString).standardizingPath }.filter { path in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return false }
            return seen.insert(path).inserted
        }
    }

    /// A library over exactly these folders.
    public init(folders: [String]) { self.folders = folders }

    /// The file of preset `name` (a name, or a path ending in .toml or containing "/").
    public func path(for nameOrPath: String) -> String? {
        if nameOrPath.hasSuffix(".toml") || nameOrPath.contains("/") {
            return FileManager.default.fileExists(atPath: nameOrPath) ? nameOrPath : nil
        }
        for folder in folders {
            let path = (folder as NSString).appendingPathComponent(nameOrPath + ".toml")
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return nil
    }

    /// Loads a preset by name or path.
    /// - Throws: `PresetLoadError`.
    public func load(_ nameOrPath: String) throws(PresetLoadError) -> Preset {
        guard let path = path(for: nameOrPath) else { throw .notFound(name: nameOrPath, searched: folders, available: names()) }
        return try Preset.load(path: path)
    }

    /// Names of the presets found: the built-in order first, then any others alphabetically.
    public func names() -> [String] {
        var found: Set<String> = []
        for folder in folders {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for file in files where file.hasSuffix(".toml") { found.insert(String(file.dropLast(5))) }
        }
        let builtIn = Preset.builtInNames.filter { found.contains($0) }
        return builtIn + found.subtracting(builtIn).sorted()
    }
}
