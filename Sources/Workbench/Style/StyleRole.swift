// StyleRole: what a cell means (a title, a validation curve, a warning); themes colour roles.

/// The meaning of a cell. Themes give each role a colour under its `themeKey`; panels only
/// ever name roles, never colours.
public enum StyleRole: String, CaseIterable, Hashable, Sendable {
    case text
    case dim
    case title
    case border
    case status
    case statusPaused
    case statusFinished
    case lossTrain
    case lossValidation
    case lossBatch
    case axis
    case heatLow
    case heatMid
    case heatHigh
    case image
    case help
    case helpKey
    case warning
    case error
    case selection
    /// Reference lines on the loss chart (PCA error, entropy floor).
    case reference
    /// Run A and run B of a comparison.
    case runA
    case runB

    /// The key of this role's colour in a `.theme` file, e.g. `loss_val` in `theme[loss_val]`.
    public var themeKey: String {
        switch self {
        case .text: "main_fg"
        case .dim: "inactive_fg"
        case .title: "title"
        case .border: "border"
        case .status: "status_fg"
        case .statusPaused: "status_paused"
        case .statusFinished: "status_finished"
        case .lossTrain: "loss_train"
        case .lossValidation: "loss_val"
        case .lossBatch: "loss_batch"
        case .axis: "axis"
        case .heatLow: "heat_start"
        case .heatMid: "heat_mid"
        case .heatHigh: "heat_end"
        case .image: "image_fg"
        case .help: "help_fg"
        case .helpKey: "help_key"
        case .warning: "warning"
        case .error: "error"
        case .selection: "selected_fg"
        case .reference: "loss_reference"
        case .runA: "run_a"
        case .runB: "run_b"
        }
    }

    /// One character naming the role in style-annotated dumps.
    public var code: Character {
        switch self {
        case .text: "."
        case .dim: "d"
        case .title: "T"
        case .border: "b"
        case .status: "S"
        case .statusPaused: "P"
        case .statusFinished: "F"
        case .lossTrain: "t"
        case .lossValidation: "v"
        case .lossBatch: "B"
        case .axis: "a"
        case .heatLow: "1"
        case .heatMid: "2"
        case .heatHigh: "3"
        case .image: "i"
        case .help: "h"
        case .helpKey: "k"
        case .warning: "w"
        case .error: "E"
        case .selection: "s"
        case .reference: "R"
        case .runA: "A"
        case .runB: "Z"
        }
    }
}
