// WorkbenchCommand: `aelab` with no subcommand: the curses workbench, training in the
// background from the first frame.
import ArgumentParser
import AutoencoderKit
import CursesTerminal
import Foundation
import Workbench

struct WorkbenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workbench", abstract: "Open the workbench (the default command).")

    @OptionGroup var model: ModelOptions
    @Option(help: "Frames per second at most (1-60).")
    var fps: Int = 10
    @Flag(help: "ASCII glyphs only (also automatic when the locale is not UTF-8).")
    var ascii = false
    @Option(help: "Theme name from themes/ (t cycles at run time).")
    var theme: String?
    @Flag(help: "Start paused.")
    var paused = false
    @Option(name: .customLong("save-dir"), help: "Folder for checkpoints saved with s.")
    var saveDirectory: String = "runs"
    @Option(name: .customLong("autosave-dir"), help: "Folder for the checkpoints written on quit and hang-up.")
    var autosaveDirectory: String = "autosave"

    func run() throws {
        guard (1...60).contains(fps) else { throw UsageError(message: "--fps must be between 1 and 60, got \(fps)") }
        let config = try model.config(name: "undercomplete")
        BLAS.setThreadCount(model.threads)
        let dataset = try model.dataset()
        let files = WorkbenchFiles(saveRoot: saveDirectory, autosaveRoot: autosaveDirectory, dataSource: model.data)
        let session: TrainingSession
        do {
            session = try TrainingSession(
                presets: [config], dataset: dataset, paused: paused, save: { files.saveNote($0) })
        } catch {
            throw UsageError(message: "\(error)")
        }
        let themes = try loadThemes()
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal()
        } catch {
            throw RunError(message: "\(error)")
        }
        let environment = ProcessInfo.processInfo.environment
        let unicode = GlyphMode.localeIsUTF8(environment: environment) && !ascii
        let state = AppState(
            size: terminal.size, themeNames: themes.map(\.name),
            glyphMode: GlyphMode.detect(environment: environment, forceASCII: ascii),
            availableGlyphModes: GlyphMode.available(unicode: unicode), colorMode: terminal.colorMode)
        session.start()
        let loop = UILoop(terminal: terminal, session: session, themes: themes, state: state, framesPerSecond: fps)
        let reason = loop.run()
        let trainers = session.stop()
        terminal.shutdown()
        if let warning = terminal.startupWarning { print("aelab: \(warning)") }
        print("aelab: \(Self.describe(reason)); training stopped")
        for line in files.autosave(trainers) { print("aelab: \(line)") }
    }

    /// Themes from themes/, the chosen one first; the built-in default when none are found.
    private func loadThemes() throws -> [Theme] {
        var themes: [Theme] = []
        if let folder = ResourceLocator.folder("themes") {
            do {
                themes = try Theme.loadDirectory(folder)
            } catch {
                throw UsageError(message: "\(error)")
            }
        }
        if themes.isEmpty { themes = [.builtInDefault] }
        if let theme {
            guard let index = themes.firstIndex(where: { $0.name == theme }) else {
                throw UsageError(message: "--theme: no theme named '\(theme)'; available: \(themes.map(\.name).joined(separator: ", "))")
            }
            themes.insert(themes.remove(at: index), at: 0)
        } else if let index = themes.firstIndex(where: { $0.name == "default" }) {
            themes.insert(themes.remove(at: index), at: 0)
        }
        return themes
    }

    static func describe(_ reason: QuitReason) -> String {
        switch reason {
        case .userQuit: return "quit"
        case .hangUp: return "terminal closed (hang-up)"
        case .signal(let number): return "stopped by signal \(number)"
        }
    }
}
