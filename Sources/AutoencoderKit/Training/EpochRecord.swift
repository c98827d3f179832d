// EpochRecord: the trainer's record of finished epochs, bounded so a long run does not grow.
//
// Every epoch is kept while at most `capacity` have finished. Past that, the record keeps the
// epochs on a grid, 1, 1 + s, 1 + 2s, ..., with s the smallest power of two that fits the grid
// and the newest epoch within `capacity`, plus always the newest. s depends only on the newest
// epoch's number, so a record restored from a checkpoint keeps exactly the epochs the
// uninterrupted run keeps, and the kept epochs do not move until s doubles (a drawn curve does
// not shimmer). At the default capacity the record thins after about half an hour of the
// default model on Fashion-MNIST (1 s an epoch), an hour of 784-256, and seven minutes on the
// built-in digits (0.2 s an epoch).
// The full per-epoch record lives on disk: `aelab train --out` appends every epoch to its
// metrics.jsonl.

/// The metrics of the kept epochs, oldest first; at most `capacity` entries.
public struct EpochRecord: Sendable, Equatable {
    /// Most epochs kept by a trainer: about 0.6 MB of metrics, and 1 MB of checkpoint header.
    public static let defaultCapacity = 2048

    public let capacity: Int
    /// The kept epochs, in increasing epoch order; the last is the newest finished epoch.
    public private(set) var entries: [EpochMetrics] = []

    /// An empty record; reserves its storage so that it never grows once full.
    public init(capacity: Int = defaultCapacity) {
        self.capacity = max(2, capacity)
        entries.reserveCapacity(self.capacity + 1)
    }

    /// A record holding what `entries` (increasing epochs, as a checkpoint stores them) leaves
    /// on the grid of its newest epoch: what the run that produced them keeps.
    public init(restoring entries: [EpochMetrics], capacity: Int = defaultCapacity) {
        self.init(capacity: capacity)
        guard let newest = entries.last else { return }
        let s = Self.stride(newestEpoch: newest.epoch, capacity: self.capacity)
        self.entries.append(contentsOf: entries.filter { Self.onGrid($0.epoch, stride: s) || $0.epoch == newest.epoch })
    }

    /// Adds the epoch that just finished (its number one past the newest kept) and drops what
    /// falls off the grid.
    public mutating func append(_ metrics: EpochMetrics) {
        let before = entries.last.map { Self.stride(newestEpoch: $0.epoch, capacity: capacity) } ?? 1
        let after = Self.stride(newestEpoch: metrics.epoch, capacity: capacity)
        if after != before {
            entries.removeAll { !Self.onGrid($0.epoch, stride: after) }
        } else if let last = entries.last, !Self.onGrid(last.epoch, stride: after) {
            entries.removeLast()  // kept only while it was the newest
        }
        entries.append(metrics)
    }

    /// The grid step once epoch `newestEpoch` has finished: the smallest power of two s with
    /// ⌈(newestEpoch − 1) / s⌉ + 1 ≤ capacity (the grid's epochs before the newest, plus it).
    /// Also the stride of `EpochSampling`'s index grid, with indices for epochs.
    public static func stride(newestEpoch: Int, capacity: Int) -> Int {
        let capacity = max(2, capacity)
        var s = 1
        while (newestEpoch - 1 + s - 1) / s + 1 > capacity { s *= 2 }
        return s
    }

    static func onGrid(_ epoch: Int, stride: Int) -> Bool { (epoch - 1) % stride == 0 }
}
