// LossHistory: the smoothed per-batch loss curve, bounded by halving its resolution.
//
// Every batch's loss feeds an exponential moving average; a point is kept every `stride`
// batches. When the points reach `capacity`, every other one is dropped and the stride
// doubles, so memory stays bounded however long the run and the curve keeps its shape.
import AutoencoderKit

/// A bounded, smoothed series of batch losses.
public struct LossHistory: Sendable, Equatable {
    public private(set) var points: [SeriesPoint] = []
    public private(set) var stride = 1
    public let capacity: Int
    /// Weight of the newest batch in the moving average.
    public let smoothing: Double
    private var average: Double?
    private var sinceLastPoint = 0

    public init(capacity: Int = 1024, smoothing: Double = 0.05) {
        self.capacity = max(8, capacity)
        self.smoothing = smoothing
    }

    /// Adds one batch's loss at `step`.
    public mutating func add(step: Int, loss: Double) {
        guard loss.isFinite else { return }
        let next = average.map { $0 + smoothing * (loss - $0) } ?? loss
        average = next
        sinceLastPoint += 1
        guard sinceLastPoint >= stride else { return }
        sinceLastPoint = 0
        points.append(SeriesPoint(x: Double(step), y: next))
        if points.count >= capacity {
            points = points.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            stride *= 2
        }
    }

    /// The latest smoothed value.
    public var latest: Double? { average }
}
