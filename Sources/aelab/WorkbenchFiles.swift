// WorkbenchFiles: where the workbench writes runs: `s` saves to runs/NAME/, quitting and
// hang-ups autosave to autosave/NAME/. Each folder gets config.json, a TensorBoard event file
// (every epoch's scalars, the current reconstructions), checkpoint.safetensors (atomic) and a
// metrics.jsonl rewritten whole (also atomic) from the run's record: every epoch up to 2,048,
// then a thinned record (EpochRecord) so a long session does not grow; `aelab train --out`
// appends every epoch instead.
import AutoencoderKit
import Formats
import Foundation
import Pictures

struct WorkbenchFiles: Sendable {
    /// Folder for `s` saves.
    let saveRoot: String
    /// Folder for autosaves on quit, SIGINT, SIGTERM and SIGHUP.
    let autosaveRoot: String
    /// The `--data` text, recorded so `--resume` finds the data again.
    let dataSource: String

    /// A folder name from a run name: letters, digits, '-', '_' and '.' kept, others '-'.
    static func folderName(_ runName: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        let name = String(runName.map { allowed.contains($0) ? $0 : "-" })
        return name.isEmpty || name.hasPrefix(".") ? "run" + name : name
    }

    /// The workbench's TensorBoard event file, rewritten whole at every save.
    static let eventFileName = "events.out.tfevents.0.aelab-workbench"

    /// Writes a run's checkpoint, metrics, config.json and TensorBoard events into `root/NAME/`.
    /// - Returns: the checkpoint's path.
    /// - Throws: the file error, naming the path (the previous files stay intact).
    func write(_ trainer: Trainer, under root: String) throws -> String {
        let folder = root + "/" + WorkbenchFiles.folderName(trainer.config.name)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw RunError(message: "cannot create \(folder): \(error.localizedDescription)")
        }
        let checkpoint = folder + "/" + Checkpoint.fileName
        try Checkpoint.save(trainer, to: checkpoint, dataSource: dataSource)
        let fork = trainer.lineage.map { $0.record.jsonText + "\n" } ?? ""
        let lines = fork + trainer.history.map { MetricsLog.record($0).jsonText + "\n" }.joined()
        try AtomicFile.write(Array(lines.utf8), to: folder + "/" + MetricsLog.fileName)
        try RunConfigFile.write(trainer.config, folder: folder)
        let events = RunEvents.fileBytes(
            history: trainer.history, picture: RunEvents.reconstructionPicture(trainer), wallTime: WallClock.now())
        try AtomicFile.write(events, to: folder + "/" + Self.eventFileName)
        return checkpoint
    }

    /// What `s` does: save the run and say where, or say why not, the reason first so it shows
    /// on a narrow status line (training goes on either way; the previous files stay whole).
    func saveNote(_ trainer: Trainer) -> (note: String, failed: Bool) {
        do {
            return (
                "saved \(try write(trainer, under: saveRoot)) (epoch \(trainer.epoch), step \(trainer.step))", false
            )
        } catch let error as CheckpointError {
            if case .write(let file) = error { return (Self.failure(file), true) }
            return ("save failed: \(error)", true)
        } catch let error as FileError {
            return (Self.failure(error), true)
        } catch {
            return ("save failed: \(error)", true)
        }
    }

    /// "save failed, No space left on device (ENOSPC): cannot write runs/x/checkpoint.safetensors"
    static func failure(_ error: FileError) -> String {
        "save failed, \(error.reason)\(error.codeName.map { " (\($0))" } ?? ""): \(error.operation.rawValue) \(error.path)"
    }

    /// Saves every run under the autosave folder.
    /// - Returns: one line per run, and whether it was saved.
    func autosave(_ trainers: [Trainer]) -> [(line: String, saved: Bool)] {
        trainers.map { trainer in
            do {
                return (
                    "saved \(trainer.config.name) (epoch \(trainer.epoch), step \(trainer.step)) to \(try write(trainer, under: autosaveRoot))",
                    true
                )
            } catch {
                return ("could not autosave \(trainer.config.name): \(error)", false)
            }
        }
    }
}
