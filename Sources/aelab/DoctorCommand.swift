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
        let terminal = TerminalFacts(environment: env, probe: true)
        let facts = DoctorFacts(
            locale: locale, term: env["TERM"], colorTerm: env["COLORTERM"],
            colors: TerminalFacts.output(["tput", "colors"]).flatMap { Int($0) },
            noColor: env["NO_COLOR"].map { !$0.isEmpty } ?? false,
            replies: terminal.replies, imageMode: ImageMode(rawValue: images) ?? .auto,
            inTmux: terminal.inTmux, tmuxPassthrough: terminal.tmuxPassthrough,
            mosh: terminal.mosh, blasCore: BLAS.coreName, blasThreads: BLAS.threadCount,
            blasKernelWhy: BLASCoreSelection.kernelExplanation.replacingOccurrences(of: "BLAS kernel: ", with: ""))
        print("aelab doctor")
        for line in DoctorReport.lines(facts) { print("  " + line) }
    }
}
