// PresetLibrary: finds presets by name in the preset folders, or by path.
//
// Search order (ResourceFolders): $AELAB_PRESETS, then $XDG_CONFIG_HOME/aelab/presets
// (~/.config/aelab/presets), then <prefix>/share/aelab/presets beside an installed binary, then
// `samples/` in the current folder, then `samples/` beside the executable or in any folder above it.
import Foundation

/// The preset folders and the presets in them.
public struct PresetLibrary: Sendable {
    /// Folders searched, in order (existing ones only).
    public let folders: [String]

    /// The default folders for this process.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentFolder: String = FileManager.default.currentDirectoryPath,
        executable: String = CommandLine.arguments.first ?? ""
    ) {
        folders = ResourceFolders.search(
            "samples", kind: "presets", override: environment["AELAB_PRESETS"], environment: environment,
            currentFolder: currentFolder, executable: executable)
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
        guard let path = path(for: nameOrPath) else {
            throw .notFound(name: nameOrPath, searched: folders, available: names())
        }
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
