// CommandLineFlags: whether the user typed a flag, which argument-parser's defaults hide.
// `aelab train --resume` uses it: a flag given explicitly overrides the checkpoint.
import Foundation

enum CommandLineFlags {
    /// True when `--name` or `--name=value` is among the process's arguments.
    static func given(_ name: String) -> Bool {
        CommandLine.arguments.dropFirst().contains { $0 == "--" + name || $0.hasPrefix("--" + name + "=") }
    }
}

extension ModelOptions {
    /// Flags that describe the model and optimizer, which a checkpoint fixes.
    static let modelFlags = [
        "layers", "activation", "code-activation", "output", "loss", "tied", "optimizer", "momentum",
        "nesterov", "weight-decay", "clip", "batch", "seed", "preset",
    ]
}
