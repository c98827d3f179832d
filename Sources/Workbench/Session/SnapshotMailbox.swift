// SnapshotMailbox: latest-wins hand-off of immutable snapshots from the trainer to the UI.
//
// The trainer posts; the UI takes only if the sequence number moved. Neither side waits on
// the other for longer than a copy of an array of values.
import AutoencoderKit

/// A sequence-numbered slot holding the newest snapshots; older ones are simply replaced.
public final class SnapshotMailbox: Sendable {
    private let slot = Locked<(sequence: UInt64, snapshots: [TrainingSnapshot])>((0, []))

    public init() {}

    /// Replaces the contents and bumps the sequence number.
    public func post(_ snapshots: [TrainingSnapshot]) {
        slot.withLock { $0 = ($0.sequence + 1, snapshots) }
    }

    /// The contents if newer than `sequence`, else nil.
    public func take(after sequence: UInt64) -> (sequence: UInt64, snapshots: [TrainingSnapshot])? {
        slot.withLock { $0.sequence > sequence ? $0 : nil }
    }
}
