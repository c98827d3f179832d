// InstallTests: `make install`'s script into a temporary prefix, end to end: the files land in
// the usual places, the installed binary reports its version and finds the installed presets
// (and the user's own in $XDG_CONFIG_HOME/aelab) from outside the checkout, and uninstall
// removes every file again.
import AutoencoderKit
import Foundation
import TestSupport
import Testing

@Suite("Install")
struct InstallTests {
    let root: String
    let prefix: String

    init() throws {
        root = try AelabProcess.scratch("install")
        prefix = root + "/prefix"
    }

    /// Everything an install puts under the prefix, relative to it.
    static let installedFiles = [
        "bin/aelab", "share/man/man1/aelab.1", "share/bash-completion/completions/aelab",
        "share/zsh/site-functions/_aelab", "share/fish/vendor_completions.d/aelab.fish",
        "share/aelab/themes/default.theme",
    ]

    func run(_ command: String, _ arguments: [String], in folder: String? = nil) throws -> ChildProcess.Result {
        try ChildProcess.run(command, arguments, directory: folder)
    }

    func text(_ relative: String) -> String {
        (try? String(contentsOfFile: prefix + "/" + relative, encoding: .utf8)) ?? ""
    }

    @Test("install puts binary, themes, presets, man page and completions in place; uninstall removes them")
    func installAndUninstall() throws {
        let binary = try #require(AelabProcess.binary, "build aelab first")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let script = AelabProcess.packageRoot + "/scripts/install.sh"
        let install = try run("/bin/sh", [script, prefix, binary])
        #expect(install.status == 0, "install failed: \(install.errors)")
        for file in Self.installedFiles {
            #expect(FileManager.default.fileExists(atPath: prefix + "/" + file), "missing \(file)")
        }
        let samples = try FileManager.default.contentsOfDirectory(atPath: AelabProcess.packageRoot + "/samples")
            .filter { $0.hasSuffix(".toml") }.sorted()
        let presets = try FileManager.default.contentsOfDirectory(atPath: prefix + "/share/aelab/presets").sorted()
        #expect(presets == samples && !presets.isEmpty)

        // The man page: roff, one subsection per subcommand.
        let manual = text("share/man/man1/aelab.1")
        #expect(manual.hasPrefix(".TH AELAB 1 \"\" \"aelab \(AelabVersion.current)\""))
        for sub in ["train", "presets", "sweep", "export"] { #expect(manual.contains(".SS aelab \(sub)\n")) }
        // The completions argument-parser generated.
        #expect(
            text("share/bash-completion/completions/aelab").contains("complete -o filenames -F _aelab aelab")
                || text("share/bash-completion/completions/aelab").contains("-F _aelab aelab"))
        #expect(text("share/zsh/site-functions/_aelab").hasPrefix("#compdef aelab"))
        #expect(
            text("share/fish/vendor_completions.d/aelab.fish").contains("complete -c 'aelab'")
                || text("share/fish/vendor_completions.d/aelab.fish").contains("complete -c aelab"))
        if FileManager.default.isExecutableFile(atPath: "/bin/bash") {
            let syntax = try run("/bin/bash", ["-n", prefix + "/share/bash-completion/completions/aelab"])
            #expect(syntax.status == 0, "bash completion: \(syntax.errors)")
        }

        // The installed binary, run outside the checkout, with an empty user folder.
        let installed = prefix + "/bin/aelab"
        let version = try run(installed, ["--version"], in: root)
        #expect(version.status == 0 && version.output == AelabVersion.current + "\n")
        let config = root + "/config"
        let environment = ["/usr/bin/env", "HOME=\(root)", "XDG_CONFIG_HOME=\(config)", installed, "presets"]
        let listed = try run(environment[0], Array(environment.dropFirst()), in: root)
        #expect(listed.status == 0, "presets: \(listed.errors)")
        let names = Set(
            listed.output.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) })
        #expect(names == Set(samples.map { String($0.dropLast(5)) }))

        // A preset of the user's own in $XDG_CONFIG_HOME/aelab/presets is listed too.
        try FileManager.default.createDirectory(atPath: config + "/aelab/presets", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: AelabProcess.packageRoot + "/samples/" + samples[0], toPath: config + "/aelab/presets/mine.toml")
        let withMine = try run(environment[0], Array(environment.dropFirst()), in: root)
        #expect(withMine.output.split(separator: "\n").contains { $0.hasPrefix("mine ") })

        let uninstall = try run("/bin/sh", [script, "--uninstall", prefix])
        #expect(uninstall.status == 0, "uninstall failed: \(uninstall.errors)")
        for file in Self.installedFiles + ["share/aelab"] {
            #expect(!FileManager.default.fileExists(atPath: prefix + "/" + file), "left behind: \(file)")
        }
    }
}
