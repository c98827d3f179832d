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
        let config = try model.config(name: "undercomplete")
        BLAS.setThreadCount(model.threads)
        let session: TrainingSession
        if let resume {
            let path = RunFolder.exists(resume + "/" + Checkpoint.fileName) ? resume + "/" + Checkpoint.fileName : resume
            let contents = try RunFolder.readCheckpoint(path)
            let dataset = try RunFolder.dataset(for: contents, argument: CommandLineFlags.given("--data") ? model.data : nil)
            let trainer: Trainer
            do { trainer = try contents.makeTrainer(dataset: dataset) } catch { throw RunError(message: "\(error)") }
            let files = WorkbenchFiles(saveRoot: saveDirectory, autosaveRoot: autosaveDirectory, dataSource: contents.dataSource ?? model.data)
            session = TrainingSession(resuming: trainer, presets: [config], save: { files.saveNote($0) })
            try WorkbenchRunner.run(session: session, display: display, autosave: files)
            return
        }
        let dataset = try model.dataset()
        let files = WorkbenchFiles(saveRoot: saveDirectory, autosaveRoot: autosaveDirectory, dataSource: model.data)
        do {
            session = try TrainingSession(
                presets: [config], dataset: dataset, paused: paused, save: { files.saveNote($0) })
        } catch {
            throw UsageError(message: "\(error)")
        }
        try WorkbenchRunner.run(session: session, display: display, autosave: files)
    }
}
