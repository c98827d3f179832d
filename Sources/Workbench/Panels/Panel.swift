// Panel: a piece of the screen that turns the state into cells inside its rectangle.
import AutoencoderKit

/// A screen region's renderer: a pure function from state to cells.
public protocol Panel {
    /// Draws the panel into `rect` of `canvas`; never writes outside `rect`.
    func render(_ state: AppState, in rect: Rect, on canvas: inout TextCanvas)
}

extension TrainingSnapshot {
    /// The run name for panel titles ("run" when the engine gave none).
    var titleName: String { runName.isEmpty ? "run" : runName }
}
