// CommandLineFlags: whether the user typed a flag, which argument-parser's defaults hide.
// `aelab train --resume` uses it: --data given explicitly overrides the checkpoint's data (the
// model flags are optionals, so whether they were given is known without it).
import Foundation

enum CommandLineFlags {
    /// True when `--name` or `--name=value` is among the process's arguments.
    static func given(_ name: String) -> Bool {
        CommandLine.arguments.dropFirst().contains { $0 == "--" + name || $0.hasPrefix("--" + name + "=") }
    }
}

extension ModelOptions {
    /// The flags given that describe the model and optimizer, which a checkpoint fixes (all but
    /// --lr, --epochs, --data and --threads); `aelab train --resume` names them as ignored.
    var givenModelFlags: [String] {
        let flags: [(String, Bool)] = [
            ("preset", preset != nil), ("model", model != nil), ("layers", layers != nil),
            ("activation", activation != nil), ("code-activation", codeActivation != nil), ("output", output != nil),
            ("loss", loss != nil), ("tied", tied != nil), ("optimizer", optimizer != nil),
            ("momentum", momentum != nil),
            ("nesterov", nesterov != nil), ("weight-decay", weightDecay != nil), ("clip", clip != nil),
            ("batch", batch != nil), ("seed", seed != nil), ("l1", l1 != nil), ("kl-beta", klBeta != nil),
            ("kl-rho", klRho != nil), ("k-sparse", kSparse != nil), ("corruption", corruption != nil),
            ("noise-level", noiseLevel != nil), ("contractive", contractive != nil),
            ("pretrain-epochs", pretrainEpochs != nil), ("penalty", !penalty.isEmpty),
        ]
        return flags.filter(\.1).map(\.0)
    }
}
