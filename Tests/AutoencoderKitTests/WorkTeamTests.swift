// WorkTeamTests: the fork-join team runs every part exactly once, its shares cover a range
// without gaps or overlaps, and a model run on a team of two gives the same numbers whether the
// parts run on two threads or one after another on the caller (as they do when another thread
// holds the team), so results never depend on which thread got the team.
import Foundation
import Synchronization
import Testing

@testable import AutoencoderKit

@Suite("Work team")
struct WorkTeamTests {
    @Test("shares cover 0..<total in order, cut at the alignment, for every part count")
    func sharesCoverTheRange() {
        for count in 1...4 {
            for total in [0, 1, 15, 16, 17, 100, 128, 1000] {
                let shares = (0..<count).map { WorkTeam.share($0, of: count, total: total, alignment: 16) }
                #expect(shares.first?.lowerBound == 0)
                #expect(shares.last?.upperBound == total)
                for (a, b) in zip(shares, shares.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
                for share in shares.dropLast() { #expect(share.upperBound % 16 == 0 || share.upperBound == total) }
            }
        }
    }

    @Test("every part runs exactly once per job, over many jobs, and the team sleeps and wakes")
    func everyPartRunsOnce() {
        let team = WorkTeam(size: 3)
        defer { team.stop() }
        let counts = Mutex<[Int]>([0, 0, 0])
        for round in 0..<2000 {
            team.run { part in counts.withLock { $0[part.index] += 1 } }
            if round == 1000 { Thread.sleep(forTimeInterval: 0.05) }  // past the spin: workers sleep
        }
        #expect(counts.withLock { $0 } == [2000, 2000, 2000])
        var seen = [Int]()
        team.run(parts: 2) { part in if part.index == 0 { seen.append(part.count) } }
        #expect(seen == [2])
    }

    @Test("a model on a team of two gives the same forward and gradients from two threads at once")
    func sharedAcrossTwoThreads() throws {
        let architecture = Architecture(
            encoderSizes: [64, 16], hiddenActivation: .sigmoid, codeActivation: .relu, outputActivation: .sigmoid)
        let team = WorkTeam(size: 2)
        defer { team.stop() }
        @Sendable func gradients() -> [Float] {
            var random = RandomGenerator(seed: 5)
            let model = Autoencoder<Float>(architecture: architecture, batchCapacity: 64, random: &random)
            model.team = team
            let x = FloatBuffer(count: 64 * 784)
            for i in 0..<x.count { x[i] = random.nextUniform() }
            let objective = BackpropObjective(
                model: model,
                regularizer: CodeRegularizer<Float>(
                    regularization: .none, architecture: architecture, capacity: 64, variationalWeight: nil),
                loss: .bce)
            _ = objective.run(input: x.pointer, target: x.pointer, batch: 64, gradients: true)
            return (0..<model.gradients.count).map { model.gradients[$0] }
        }
        let alone = gradients()
        // two threads train at once: one gets the team, the other runs the same parts in turn
        let results = Mutex<[[Float]]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            let g = gradients()
            results.withLock { $0.append(g) }
        }
        for g in results.withLock({ $0 }) { #expect(g.map(\.bitPattern) == alone.map(\.bitPattern)) }
        #expect(alone.contains { $0 != 0 })
    }
}
