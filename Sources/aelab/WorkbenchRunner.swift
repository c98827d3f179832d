// WorkbenchRunner: opens the terminal, runs the UI loop over a session, and on the way out
// stops training, restores the terminal and autosaves; exits 128 + N after signal N (129 for a
// closed terminal), 1 when an autosave failed. Shared by `aelab`, `aelab --resume`
// and `aelab view`.
import AutoencoderKit
import CursesTerminal
import Foundation
import Workbench

enum WorkbenchRunner {
    /// Runs the workbench until the user quits, a quit signal arrives or the terminal closes.
    /// - Parameter autosave: where to save every run on the way out; nil saves nothing.
    static func run(session: TrainingSession, display: DisplayOptions, autosave: WorkbenchFiles?) throws {
        let themes = try loadThemes(chosen: display.theme)
        let environment = ProcessInfo.processInfo.environment
        let stats = try StatsFile.reporter(environment: environment, session: session)
        // the graphics probe needs the terminal before curses takes it; forced modes ask nothing
        let mode = ImageMode(rawValue: display.images) ?? .auto
        let probe = mode == .auto && isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        let images = TerminalFacts(environment: environment, probe: probe).choice(mode)
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal()
        } catch {
            throw RunError(message: "\(error)")
        }
        let unicode = GlyphMode.localeIsUTF8(environment: environment) && !display.ascii
        var state = AppState(
            size: terminal.size, themeNames: themes.map(\.name),
            glyphMode: GlyphMode.detect(environment: environment, forceASCII: display.ascii),
            availableGlyphModes: GlyphMode.available(unicode: unicode), colorMode: terminal.colorMode)
        state.presetChoices = presetChoices(session.presets)
        state.pixelImages = PixelImages(kind: images.chosen, idSpace: PixelImages.idSpace(processID: getpid()))
        session.start()
        let loop = UILoop(
            terminal: terminal, session: session, themes: themes, state: state, framesPerSecond: display.fps,
            stats: stats)
        let reason = loop.run()
        stats?.finish()
        let trainers = session.stop()
        terminal.shutdown()
        if let warning = terminal.startupWarning { print("aelab: \(warning)") }
        print("aelab: \(describe(reason)); training stopped")
        var failures = 0
        if let autosave {
            for (line, saved) in autosave.autosave(trainers) {
                print("aelab: \(line)")
                if !saved { failures += 1 }
            }
        }
        if failures > 0 {
            throw RunError(message: "\(failures) run\(failures == 1 ? "" : "s") could not be autosaved (see above)")
        }
        switch reason {
        case .userQuit: return
        case .hangUp: throw Interrupted(signal: SIGHUP)
        case .signal(let number): throw Interrupted(signal: Int32(number))
        }
    }

    /// Themes from the theme folders (ResourceFolders: $AELAB_HOME/themes, the user's, the
    /// installed, the checkout's), the chosen one (or "default") first; the built-in default when
    /// none are found. A broken theme file is a warning on stderr and the built-in colours.
    static func loadThemes(chosen: String?) throws -> [Theme] {
        let home = ProcessInfo.processInfo.environment["AELAB_HOME"].map { $0 + "/themes" }
        let library = ThemeLibrary(folders: ResourceFolders.search("themes", override: home))
        for warning in library.warnings { FileHandle.standardError.write(Data("aelab: warning: \(warning)\n".utf8)) }
        var themes = library.themes
        if themes.isEmpty { themes = [.builtInDefault] }
        let wanted = chosen ?? "default"
        if let index = themes.firstIndex(where: { $0.name == wanted }) {
            themes.insert(themes.remove(at: index), at: 0)
        } else if chosen != nil {
            throw UsageError(
                message: "--theme: no theme named '\(wanted)'; available: \(themes.map(\.name).joined(separator: ", "))"
            )
        }
        return themes
    }

    /// The picker's lines: each preset's name and its file's description (else its layers).
    static func presetChoices(_ presets: [TrainingConfig]) -> [PresetChoice] {
        let library = PresetLibrary()
        return presets.map { config in
            let description = (try? library.load(config.name))?.description ?? ""
            return PresetChoice(
                name: config.name, summary: description.isEmpty ? config.architecture.description : description)
        }
    }

    static func describe(_ reason: QuitReason) -> String {
        switch reason {
        case .userQuit: return "quit"
        case .hangUp: return "terminal closed (hang-up)"
        case .signal(let number): return "stopped by signal \(number)"
        }
    }
}
