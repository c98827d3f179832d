// DoctorCommand: `aelab doctor` tells the user what the workbench will look like in this
// terminal and why (glyphs, colours, image protocol, tmux, mosh, BLAS), with fixes.
import ArgumentParser
import AutoencoderKit
import Foundation
import Workbench

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Show what this terminal will get (glyphs, colours, images, tmux, mosh, BLAS) and why.")

    @Option(help: "Image protocol: auto, kitty, sixel or blocks.")
    var images: String = "auto"

    func validate() throws {
        guard ImageMode(rawValue: images) != nil else {
            throw ValidationError("--images must be auto, kitty, sixel or blocks, got \(images)")
        }
    }

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        let locale = [env["LC_ALL"], env["LC_CTYPE"], env["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        let inTmux = !(env["TMUX"] ?? "").isEmpty
        let mosh = env.keys.contains { $0.hasPrefix("MOSH") } || Self.ancestorNames().contains { $0.hasPrefix("mosh") }
        let facts = DoctorFacts(
            locale: locale, term: env["TERM"], colorTerm: env["COLORTERM"],
            colors: Self.output(["tput", "colors"]).flatMap { Int($0) },
            noColor: env["NO_COLOR"].map { !$0.isEmpty } ?? false,
            replies: mosh ? nil : TerminalProbe.ask(), imageMode: ImageMode(rawValue: images) ?? .auto,
            inTmux: inTmux, tmuxPassthrough: inTmux ? Self.output(["tmux", "show", "-gv", "allow-passthrough"]) : nil,
            mosh: mosh, blasCore: BLAS.coreName, blasThreads: BLAS.threadCount,
            blasKernelWhy: BLASCoreSelection.kernelExplanation.replacingOccurrences(of: "BLAS kernel: ", with: ""))
        print("aelab doctor")
        for line in DoctorReport.lines(facts) { print("  " + line) }
    }

    /// A command's trimmed standard output, or nil when it fails.
    static func output(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Names of the parent processes up to init, from /proc (empty off Linux).
    static func ancestorNames() -> [String] {
        var names: [String] = []
        var pid = getppid()
        for _ in 0..<32 where pid > 1 {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { break }
            names.append(String(stat[stat.index(after: open)..<close]))
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 1, let parent = Int32(fields[1]) else { break }
            pid = parent
        }
        return names
    }
}
