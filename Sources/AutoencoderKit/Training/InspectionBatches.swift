// InspectionBatches: the batches of one pass over N items: consecutive index ranges of at most
// `batchSize` items, the last one possibly shorter (0..<B, B..<2B, ..., ..<N).
//
// Every pass that reads a model over a set (evaluation, probes, decoding, Jacobian norms, code
// statistics, anomaly scores, squared error, pretraining epochs, prior samples) walks these ranges, in
// this order, so the sums they accumulate add up in the same order as before.

/// The index ranges of a pass over `count` items, `batchSize` at a time.
public struct InspectionBatches: Sequence, Sendable, Equatable {
    /// Items in the pass.
    public let count: Int
    /// Most items in one batch.
    public let batchSize: Int

    /// - Precondition: `batchSize > 0`.
    public init(count: Int, batchSize: Int) {
        precondition(batchSize > 0, "a batch holds at least one item, not \(batchSize)")
        self.count = Swift.max(count, 0)
        self.batchSize = batchSize
    }

    public struct Iterator: IteratorProtocol {
        let count: Int
        let batchSize: Int
        var start = 0

        public mutating func next() -> Range<Int>? {
            guard start < count else { return nil }
            let end = start + Swift.min(batchSize, count - start)
            defer { start = end }
            return start..<end
        }
    }

    public func makeIterator() -> Iterator { Iterator(count: count, batchSize: batchSize) }
}

extension Range where Bound == Int {
    /// The range as the `Int32` indices `ImageSet.fill` takes.
    var int32: Range<Int32> { Int32(lowerBound)..<Int32(upperBound) }
}
