// InspectionBatchesTests: the ranges of a batched pass cover every item once, in order,
// at most `batchSize` at a time, with only the last one shorter.
import Testing

@testable import AutoencoderKit

@Suite struct InspectionBatchesTests {
    @Test func aPassOfTenItemsFourAtATimeEndsWithAShortBatch() {
        #expect(Array(InspectionBatches(count: 10, batchSize: 4)) == [0..<4, 4..<8, 8..<10])
    }

    @Test func aPassThatDividesEvenlyHasNoShortBatch() {
        #expect(Array(InspectionBatches(count: 8, batchSize: 4)) == [0..<4, 4..<8])
    }

    @Test(arguments: [0, -3])
    func anEmptyPassHasNoBatches(count: Int) {
        #expect(Array(InspectionBatches(count: count, batchSize: 4)).isEmpty)
    }

    @Test(arguments: [1, 7, 100, 257])
    func theRangesCoverEveryItemOnceInOrder(count: Int) {
        let batches = Array(InspectionBatches(count: count, batchSize: 16))
        #expect(batches.flatMap { Array($0) } == Array(0..<count))
        #expect(batches.dropLast().allSatisfy { $0.count == 16 })
    }
}
