// PresetsCommand: `aelab presets`, one line per preset found, in the workbench's key order.
import ArgumentParser
import AutoencoderKit

struct PresetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presets", abstract: "List the experiment presets, one line each.")

    func run() throws {
        let library = PresetLibrary()
        let names = library.names()
        guard !names.isEmpty else {
            throw RunError(
                message:
                    "no presets found (looked for samples/ here and beside the executable); set AELAB_PRESETS to the folder of .toml presets"
            )
        }
        let width = names.map(\.count).max() ?? 0
        for name in names {
            do {
                let preset = try library.load(name)
                print(name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + preset.description)
            } catch {
                print(name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + "(invalid: \(error))")
            }
        }
    }
}
