// EpochHistory: one frame per finished epoch (probe reconstructions, codes, statistics),
// bounded by thinning: when full, every other old frame is dropped, so a long run keeps its
// whole span at a coarser grain and the newest frames stay.
import AutoencoderKit

/// A bounded list of epoch frames, oldest first.
struct EpochHistory {
    private(set) var frames: [EpochFrame] = []
    /// Most frames kept (16 probes × 784 bytes ≈ 12.5 KB a frame: 48 frames ≈ 600 KB a run).
    let capacity: Int

    init(capacity: Int = 48) { self.capacity = max(4, capacity) }

    /// Adds a frame; thins the older half when the capacity is reached.
    mutating func add(_ frame: EpochFrame) {
        frames.append(frame)
        guard frames.count > capacity else { return }
        let keepRecent = capacity / 2
        let old = frames.prefix(frames.count - keepRecent).enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        frames = old + frames.suffix(keepRecent)
    }
}
