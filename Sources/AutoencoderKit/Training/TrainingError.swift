// TrainingError: why a run cannot start or had to stop.

/// Errors from configuring or running training.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    /// The configuration is unusable; each string is one problem.
    case invalidConfiguration([String])
    /// The data does not fit the model (e.g. 32x32 images for a 784-input model).
    case dataMismatch(String)
    /// NaN or Inf appeared; the last good parameters were restored.
    case diverged(step: Int, layer: String, detail: String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let problems): return problems.joined(separator: "; ")
        case .dataMismatch(let message): return message
        case .diverged(let step, let layer, let detail):
            return
                "training diverged at step \(step) in \(layer): \(detail); the last good parameters were kept (try a lower learning rate)"
        }
    }
}
