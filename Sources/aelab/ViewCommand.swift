// ViewCommand: `aelab view RUN`, the workbench on a finished run, read-only.
import ArgumentParser
import AutoencoderKit
import Workbench

struct ViewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "view", abstract: "Open a finished run in the workbench, read-only.")

    @Argument(
        help: ArgumentHelp("A run folder (holding checkpoint.safetensors) or a checkpoint file.", valueName: "run"))
    var runPath: String
    @Option(help: "Data to show the run on (default: the data it was trained on).")
    var data: String?
    @OptionGroup var display: DisplayOptions

    func run() throws {
        let path = RunFolder.exists(runPath + "/" + Checkpoint.fileName) ? runPath + "/" + Checkpoint.fileName : runPath
        guard RunFolder.exists(path) else { throw UsageError(message: "\(runPath): no such run folder or checkpoint") }
        let contents = try RunFolder.readCheckpoint(path)
        let dataset = try RunFolder.dataset(for: contents, argument: data)
        let trainer: Trainer
        do { trainer = try contents.makeTrainer(dataset: dataset) } catch { throw RunError(message: "\(error)") }
        let session = TrainingSession(resuming: trainer, presets: [contents.config], readOnly: true)
        try WorkbenchRunner.run(session: session, display: display, autosave: nil)
    }
}
