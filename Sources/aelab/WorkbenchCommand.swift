// WorkbenchCommand: `aelab` with no subcommand. Until the front end lands it runs a short
// headless training on the built-in digits.
import ArgumentParser
import AutoencoderKit

struct WorkbenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workbench", abstract: "Open the workbench (the default command).")

    func run() throws {
        var train = try TrainCommand.parse(["--epochs", "3", "--layers", "32", "--name", "undercomplete"])
        try train.run()
    }
}
