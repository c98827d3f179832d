// EpochSamplingTests: a snapshot's per-epoch series stay bounded and stable however many
// epochs the run has done.
import Testing

@testable import Workbench

@Suite("Epoch sampling")
struct EpochSamplingTests {
    @Test("every epoch is kept while they fit")
    func allWhileTheyFit() {
        #expect(EpochSampling.indices(count: 0, limit: 8).isEmpty)
        #expect(EpochSampling.indices(count: 5, limit: 8) == [0, 1, 2, 3, 4])
        #expect(EpochSampling.indices(count: 8, limit: 8) == Array(0..<8))
    }

    @Test("past the limit every second, fourth, ... epoch is kept, and always the newest")
    func strided() {
        #expect(EpochSampling.indices(count: 9, limit: 8) == [0, 2, 4, 6, 8])
        #expect(EpochSampling.indices(count: 10, limit: 8) == [0, 2, 4, 6, 8, 9])
        #expect(EpochSampling.indices(count: 16, limit: 8) == [0, 4, 8, 12, 15])
    }

    @Test(
        "a long run stays within the limit and keeps its first and newest epoch",
        arguments: [513, 1000, 6000, 100_000, 1_000_003])
    func bounded(count: Int) {
        let kept = EpochSampling.indices(count: count)
        #expect(kept.count <= EpochSampling.limit)
        #expect(kept.count > EpochSampling.limit / 4)
        #expect(kept.first == 0)
        #expect(kept.last == count - 1)
        #expect(zip(kept, kept.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test("the kept epochs do not move as the run grows, until the stride doubles")
    func stable() {
        let before = EpochSampling.indices(count: 700)
        let after = EpochSampling.indices(count: 900)
        #expect(Array(before.dropLast()) == Array(after.prefix(before.count - 1)))
    }
}
