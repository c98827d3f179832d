// TrainingSessionInterface: the narrow seam between the UI loop and the background session.
import AutoencoderKit

/// A request from the UI to the training session. Sending never waits for training.
public enum SessionCommand: Sendable, Equatable {
    case pause
    case resume
    case togglePause
    /// Train exactly one batch, then stay paused.
    case stepBatch
    /// Train to the end of the current epoch, then stay paused.
    case stepEpoch
    /// Multiply the learning rate by the factor.
    case scaleLearningRate(Float)
    /// Multiply the regularization strength (L1/KL weight, noise level, contractive weight) by the factor.
    case scaleRegularization(Float)
    /// Restart the run from its initial weights.
    case reset
    /// Switch to the preset at this zero-based index (key `1` sends 0).
    case switchPreset(Int)
    /// Write a checkpoint now.
    case save
    /// Restart the selected run and add a run of the preset at this index with the same seed,
    /// sharing its initial weights and batch order; the two train in lockstep.
    case pairWith(Int)
    /// Make the run at this index (in the snapshots' order) the one commands apply to.
    case selectRun(Int)
    /// Drop the selected run (the last one is kept).
    case closeRun
    /// Tell the session what the visible view needs.
    case setDisplay(DisplayRequest)
    /// Branch the selected run at its current step into a new run with one setting changed;
    /// the two train in lockstep (see TrainingSession+Fork).
    case fork(ForkChange)
}

/// What the UI needs from a training session: a command inbox and a latest-wins snapshot mailbox.
public protocol TrainingSessionInterface: AnyObject, Sendable {
    /// Queues a command; never blocks on training.
    func send(_ command: SessionCommand)
    /// The newest snapshots (one per run) if they are newer than `sequence`, with their sequence
    /// number; nil when nothing newer was published.
    func latest(after sequence: UInt64) -> (sequence: UInt64, snapshots: [TrainingSnapshot])?
}
