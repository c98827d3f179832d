// FrameStatistics: how long frames took to draw (compose + present) over an interval: count,
// maximum, mean and percentiles from a fixed histogram, so recording is O(1) and the memory is
// the same after a minute or a day.

/// Render times of the frames drawn in one interval.
///
/// Times go into 0.1 ms buckets up to 100 ms and one overflow bucket above; a percentile is the
/// upper edge of the bucket that holds it (so it errs high by at most 0.1 ms), never more than
/// the maximum, which is kept exactly.
public struct FrameStatistics: Sendable, Equatable {
    /// Width of one histogram bucket.
    public static let bucketNanoseconds: UInt64 = 100_000
    /// Buckets below the overflow bucket (1000 × 0.1 ms = 100 ms).
    public static let bucketCount = 1000

    /// Frames recorded.
    public private(set) var count = 0
    /// The longest frame, exactly.
    public private(set) var maxNanoseconds: UInt64 = 0
    /// The sum of all frame times.
    public private(set) var totalNanoseconds: UInt64 = 0
    /// `bucketCount` buckets plus the overflow bucket.
    private var buckets = [Int](repeating: 0, count: FrameStatistics.bucketCount + 1)

    public init() {}

    /// Adds one frame's render time.
    public mutating func record(nanoseconds: UInt64) {
        count += 1
        maxNanoseconds = max(maxNanoseconds, nanoseconds)
        totalNanoseconds &+= nanoseconds
        buckets[Int(min(nanoseconds / Self.bucketNanoseconds, UInt64(Self.bucketCount)))] += 1
    }

    /// Adds every frame of `other` (an interval's figures into the whole run's).
    public mutating func merge(_ other: FrameStatistics) {
        count += other.count
        maxNanoseconds = max(maxNanoseconds, other.maxNanoseconds)
        totalNanoseconds &+= other.totalNanoseconds
        for index in buckets.indices { buckets[index] += other.buckets[index] }
    }

    /// The longest frame in milliseconds (0 when none was drawn).
    public var maxMs: Double { Double(maxNanoseconds) / 1e6 }

    /// The mean frame time in milliseconds, nil when none was drawn.
    public var meanMs: Double? { count == 0 ? nil : Double(totalNanoseconds) / Double(count) / 1e6 }

    /// Frames that took `milliseconds` or longer, to the bucket (0.1 ms) that holds the
    /// threshold; past 100 ms every frame of the overflow bucket counts.
    /// - Complexity: O(`bucketCount`).
    public func count(atLeastMs milliseconds: Double) -> Int {
        let first = min(Int(max(0, milliseconds) * 1e6 / Double(Self.bucketNanoseconds)), Self.bucketCount)
        return buckets[first...].reduce(0, +)
    }

    /// The nearest-rank percentile in milliseconds: the upper edge of the bucket holding the
    /// frame of rank ⌈share × count⌉, capped at the maximum; nil when no frame was drawn.
    /// - Parameter share: 0...1 (0.5 for the median, 0.99 for the 99th percentile).
    /// - Complexity: O(`bucketCount`).
    public func percentileMs(_ share: Double) -> Double? {
        guard count > 0 else { return nil }
        let rank = min(count, max(1, Int((share * Double(count)).rounded(.up))))
        var seen = 0
        for (index, frames) in buckets.enumerated() {
            seen += frames
            if seen >= rank {
                let edge = index == Self.bucketCount ? maxNanoseconds : UInt64(index + 1) * Self.bucketNanoseconds
                return Double(min(edge, maxNanoseconds)) / 1e6
            }
        }
        return maxMs
    }
}
