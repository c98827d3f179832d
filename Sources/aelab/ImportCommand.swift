// ImportCommand: `aelab import FILE --out DIR`: a PyTorch state dict (safetensors named as
// python/aelab_torch.py's model) becomes an aelab run folder holding checkpoint.safetensors
// and config.json, at epoch 0, ready for `aelab eval`, `aelab export` and `aelab train --resume`.
//
// The model's shape comes from the file's metadata or, for a bare state dict, from the weights'
// shapes with the activations of --activation, --code-activation and --output. The rest of the
// run (kind, loss, optimizer, seed) comes from the file's config when aelab exported it, else
// from the flags and preset as for `aelab train`. Everything is checked before anything is
// written; the checkpoint is written atomically.
import ArgumentParser
import AutoencoderKit
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Make a run folder from a PyTorch state dict in safetensors (see python/aelab_torch.py).")

    @Argument(help: "A .safetensors state dict written by `aelab export --torch` or python/aelab_torch.py.")
    var file: String
    @Option(help: "Run folder to create (must not hold a checkpoint yet).")
    var out: String
    @OptionGroup var model: ModelOptions

    func run() throws {
        let flags = try model.config(name: model.preset == nil ? "imported" : nil)
        let imported: TorchModel
        do {
            imported = try TorchStateDict.read(path: file, defaults: flags.architecture)
        } catch {
            throw RunError(message: "import: \(error)")
        }
        var config = imported.config ?? flags
        config.architecture = imported.architecture
        if imported.config == nil, imported.architecture.stochasticCode { config.kind = .vae }
        if CommandLineFlags.given("epochs"), let epochs = model.epochs { config.epochs = epochs }
        let problems = config.validationErrors()
        if !problems.isEmpty { throw UsageError(message: "import: \(file): " + problems.joined(separator: "; ")) }
        if let reason = TorchStateDict.refusal(for: config) { throw UsageError(message: "import: \(file): \(reason)") }
        let checkpoint = out + "/" + Checkpoint.fileName
        if RunFolder.exists(checkpoint) {
            throw UsageError(message: "--out: \(checkpoint) exists; import into a new folder")
        }
        BLAS.setThreadCount(try model.threadCount())
        let trainer: Trainer
        do {
            trainer = try Trainer(config: config, dataset: try model.dataset(seed: config.seed))
        } catch let error as UsageError {
            throw error
        } catch {
            throw UsageError(message: "import: \(error)")
        }
        imported.copy(into: trainer.model.parameters, layout: trainer.model.layout)
        let folder = try TrainCommand.prepareOutputFolder(out)
        do {
            try Checkpoint.save(trainer, to: checkpoint, dataSource: model.data)
            try RunConfigFile.write(config, folder: folder)
        } catch {
            throw RunError(message: "\(error)")
        }
        print("imported \(file): \(config.kind.rawValue) \(config.architecture.description) into \(checkpoint)")
    }
}
