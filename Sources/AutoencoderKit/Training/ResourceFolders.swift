// ResourceFolders: finds the folders of themes and presets at run time.
//
// Search order, first match wins by name (a user's theme replaces an installed one of the same
// name; the others stay available):
//   1. an explicit override (an environment variable such as $AELAB_PRESETS);
//   2. the user's folder, $XDG_CONFIG_HOME/aelab/<kind> (~/.config/aelab/<kind> by default,
//      XDG Base Directory Specification);
//   3. the installed copy, <prefix>/share/aelab/<kind>, found from the executable
//      (<prefix>/bin/aelab), as `make install PREFIX=...` lays it out;
//   4. the checkout: <name> in the current folder, then beside the executable or in any folder
//      above it (so `.build/release/aelab` finds the checkout's folders).
// <kind> is "themes" or "presets"; <name> is the checkout's folder ("themes", "samples").
import Foundation

public enum ResourceFolders {
    /// Existing folders, in search order, without repeats.
    /// - Parameters:
    ///   - name: the folder's name in the checkout ("themes", "samples").
    ///   - kind: its name under the user's and the installed folder; `name` when nil.
    ///   - override: a folder to search first (from an environment variable), if any.
    public static func search(
        _ name: String, kind: String? = nil, override: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentFolder: String = FileManager.default.currentDirectoryPath,
        executable: String = CommandLine.arguments.first ?? ""
    ) -> [String] {
        let kind = kind ?? name
        var candidates: [String] = []
        if let override, !override.isEmpty { candidates.append(override) }
        if let config = userConfigFolder(environment: environment) {
            candidates.append(config + "/" + kind)
        }
        var folder = ((executable as NSString).resolvingSymlinksInPath as NSString).deletingLastPathComponent
        if !folder.hasPrefix("/") { folder = (currentFolder as NSString).appendingPathComponent(folder) }
        if (folder as NSString).lastPathComponent == "bin" {
            candidates.append((folder as NSString).deletingLastPathComponent + "/share/aelab/" + kind)
        }
        candidates.append((currentFolder as NSString).appendingPathComponent(name))
        for _ in 0..<6 where folder != "/" && !folder.isEmpty {
            candidates.append((folder as NSString).appendingPathComponent(name))
            folder = (folder as NSString).deletingLastPathComponent
        }
        var seen: Set<String> = []
        return candidates.map { ($0 as NSString).standardizingPath }.filter { path in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                return false
            }
            return seen.insert(path).inserted
        }
    }

    /// `$XDG_CONFIG_HOME/aelab`, or `$HOME/.config/aelab` when XDG_CONFIG_HOME is unset or not
    /// absolute (as the XDG specification says); nil without either.
    public static func userConfigFolder(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/aelab" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config/aelab" }
        return nil
    }
}
