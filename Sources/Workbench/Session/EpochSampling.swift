// EpochSampling: which epochs of a run's record go into a snapshot's per-epoch series. The
// trainer keeps up to 2,048 epochs (EpochRecord); copying them all into every snapshot (five
// a second) and drawing them all every frame would cost more than a small screen shows. So a
// snapshot takes at most `limit` of them: every one while they fit, then every stride-th, the
// stride a power of two so the chosen epochs stay the same until it doubles (the curve does
// not shimmer), and always the newest: the record's own rule, on indices.
import AutoencoderKit

/// Picks a bounded, stable subset of a growing list's indices.
enum EpochSampling {
    /// Most epochs a snapshot's series carries.
    static let limit = 512

    /// The indices to keep of `count` entries: all when `count <= limit`; else 0, s, 2s, ...
    /// for the smallest power of two s that keeps the total within `limit`, plus `count - 1`.
    /// - Complexity: O(`limit`), whatever `count` is.
    static func indices(count: Int, limit: Int = limit) -> [Int] {
        let limit = max(2, limit)
        guard count > limit else { return Array(0..<max(0, count)) }
        // index i is epoch i + 1 of a record that keeps every epoch
        let stride = EpochRecord.stride(newestEpoch: count, capacity: limit)
        var kept = Array(Swift.stride(from: 0, to: count - 1, by: stride))
        kept.append(count - 1)
        return kept
    }
}
