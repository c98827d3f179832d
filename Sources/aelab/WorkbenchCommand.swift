// WorkbenchCommand: `aelab` with no subcommand: the curses workbench, training in the
// background from the first frame (or from a checkpoint with --resume).
import ArgumentParser
import AutoencoderKit
import Foundation
import Workbench

struct WorkbenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workbench", abstract: "Open the workbench (the default command).")

    @OptionGroup var model: ModelOptions
    @OptionGroup var display: DisplayOptions
    @Flag(help: "Start paused.")
    var paused = false
    @Option(help: "Continue a run from a checkpoint file or run folder (starts paused).")
    var resume: String?
    @Option(name: .customLong("save-dir"), help: "Folder for checkpoints saved with s.")
    var saveDirectory: String = "runs"
    @Option(name: .customLong("autosave-dir"), help: "Folder for the checkpoints written on quit and hang-up.")
    var autosaveDirectory: String = "autosave"

    func run() throws {
        BLAS.setThreadCount(try model.threadCount())
        let session: TrainingSession
        if let resume {
            let path =
                RunFolder.exists(resume + "/" + Checkpoint.fileName) ? resume + "/" + Checkpoint.fileName : resume
            let contents = try RunFolder.readCheckpoint(path)
            let dataset = try RunFolder.dataset(
                for: contents, argument: CommandLineFlags.given("data") ? model.data : nil)
            let trainer: Trainer
            do { trainer = try contents.makeTrainer(dataset: dataset) } catch { throw RunError(message: "\(error)") }
            let files = WorkbenchFiles(
                saveRoot: saveDirectory, autosaveRoot: autosaveDirectory, dataSource: contents.dataSource ?? model.data)
            session = TrainingSession(resuming: trainer, presets: try presetsForKeys().0, save: { files.saveNote($0) })
            try WorkbenchRunner.run(session: session, display: display, autosave: files)
            return
        }
        let (presets, initial) = try presetsForKeys()
        // the first run's seed (a preset may set one) also fixes the validation split
        let dataset = try model.dataset(seed: presets[initial].seed)
        let files = WorkbenchFiles(saveRoot: saveDirectory, autosaveRoot: autosaveDirectory, dataSource: model.data)
        do {
            session = try TrainingSession(
                presets: presets, initial: initial, dataset: dataset, paused: paused,
                openEnded: model.epochs == nil, save: { files.saveNote($0) })
        } catch {
            throw UsageError(message: "\(error)")
        }
        try WorkbenchRunner.run(session: session, display: display, autosave: files)
    }

    /// The experiments keys 1-9 switch between: every preset found (built-in order first),
    /// with --seed, --epochs and --holdout-class applied to all so runs compare from the same start; the one
    /// opened first (--preset, else undercomplete) also takes every other flag given.
    /// - Returns: the presets and the index of the first run.
    func presetsForKeys() throws -> ([TrainingConfig], Int) {
        let library = PresetLibrary()
        var presets: [TrainingConfig] = []
        for name in library.names() {
            do {
                var config = try library.load(name).config
                if let seed = model.seed { config.seed = seed }
                if let epochs = model.epochs { config.epochs = epochs }
                if let holdoutClass = model.holdoutClass { config.holdoutClass = holdoutClass }
                presets.append(config)
            } catch {
                throw UsageError(message: "\(error)")
            }
        }
        var options = model
        if options.preset == nil, presets.contains(where: { $0.name == "undercomplete" }) {
            options.preset = "undercomplete"
        }
        let first = try options.config(name: nil)
        if let index = presets.firstIndex(where: { $0.name == first.name }) {
            presets[index] = first
            return (presets, index)
        }
        return ([first] + presets, 0)
    }
}
