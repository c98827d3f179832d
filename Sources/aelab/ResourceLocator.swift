// ResourceLocator: finds the project's data folders (themes/, samples/) at run time: beside
// $AELAB_HOME, the current folder, or the source tree the binary was built in.
import Foundation

enum ResourceLocator {
    /// The first existing folder named `name` among the candidate roots, or nil.
    static func folder(_ name: String) -> URL? {
        var roots: [URL] = []
        if let home = ProcessInfo.processInfo.environment["AELAB_HOME"], !home.isEmpty {
            roots.append(URL(fileURLWithPath: home))
        }
        roots.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        // .build/release/aelab -> the package root two levels up; also <prefix>/share/aelab
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        roots.append(executable.deletingLastPathComponent().deletingLastPathComponent())
        roots.append(executable.deletingLastPathComponent().appendingPathComponent("share/aelab"))
        for root in roots {
            let candidate = root.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return candidate
            }
        }
        return nil
    }
}
