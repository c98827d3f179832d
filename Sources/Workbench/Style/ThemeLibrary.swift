// ThemeLibrary: the themes of several folders (the user's, the installed, the checkout's), where
// a broken file costs a warning, not the start.
//
// A theme named in an earlier folder hides one of the same name in a later folder. A file that
// cannot be read or parsed becomes the built-in default under its own name (so `--theme NAME`
// still starts), with a warning naming file:line and the problem.
import Foundation

/// Themes gathered from folders, with the warnings about the files that were broken.
public struct ThemeLibrary {
    /// The themes found: `default` first, then by name.
    public let themes: [Theme]
    /// One line per broken file: "FILE:LINE: problem; using the built-in default colours".
    public let warnings: [String]

    /// Reads every `*.theme` file of `folders`, earlier folders winning by name.
    public init(folders: [String]) {
        var byName: [String: Theme] = [:]
        var warnings: [String] = []
        for folder in folders {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for file in names.sorted() where file.hasSuffix(".theme") {
                let name = String(file.dropLast(6))
                guard byName[name] == nil else { continue }
                do {
                    byName[name] = try Theme.load(contentsOf: URL(fileURLWithPath: folder + "/" + file))
                } catch {
                    var fallback = Theme.builtInDefault
                    fallback.name = name
                    byName[name] = fallback
                    warnings.append("\(error); using the built-in default colours for theme '\(name)'")
                }
            }
        }
        let sorted = byName.values.sorted { $0.name < $1.name }
        themes = sorted.filter { $0.name == "default" } + sorted.filter { $0.name != "default" }
        self.warnings = warnings
    }
}
