// SessionTests: the real background session, no terminal: step, pause, reset and
// mailbox semantics on a small synthetic dataset.
import AutoencoderKit
import Dispatch
import Foundation
import Testing

@testable import Workbench

@Suite("Training session")
struct SessionTests {
    static func dataset() -> Dataset {
        var random = RandomGenerator(seed: 9)
        let pixels = (0..<(700 * 784)).map { _ in UInt8(random.nextUniform() < 0.2 ? 200 : 0) }
        let all = ImageSet(name: "noise", rows: 28, columns: 28, pixels: pixels, labels: nil)
        return Dataset(name: "noise", all: all, validationCount: 60, test: nil)
    }

    static func config(_ name: String = "small", seed: UInt64 = 3, epochs: Int = 50) -> TrainingConfig {
        TrainingConfig(
            name: name, architecture: Architecture(encoderSizes: [16]), batchSize: 64, epochs: epochs, seed: seed)
    }

    /// Waits until the newest snapshot satisfies `condition` (or the time runs out).
    static func waitFor(
        _ session: TrainingSession, seconds: Double = 20, _ condition: (TrainingSnapshot) -> Bool
    ) -> TrainingSnapshot? {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
        var sequence: UInt64 = 0
        var last: TrainingSnapshot?
        while DispatchTime.now().uptimeNanoseconds < deadline {
            if let (next, snapshots) = session.latest(after: sequence) {
                sequence = next
                last = snapshots.first
                if let last, condition(last) { return last }
            }
            usleep(2000)
        }
        return nil
    }

    @Test("step epoch trains exactly one epoch and pauses")
    func stepEpoch() throws {
        let session = try TrainingSession(presets: [Self.config()], dataset: Self.dataset(), paused: true)
        session.start()
        defer { session.stop() }
        session.send(.stepEpoch)
        let done = Self.waitFor(session) { $0.epoch == 1 && $0.status == .paused }
        #expect(done != nil)
        usleep(300_000)
        let later = Self.waitFor(session, seconds: 0.5) { _ in true } ?? done
        #expect(later?.epoch == 1)
        #expect(later?.step == done?.batchesPerEpoch)
        #expect(later?.batchInEpoch == 0)
    }

    @Test("step batch trains exactly one batch, twice gives two")
    func stepBatch() throws {
        let session = try TrainingSession(presets: [Self.config()], dataset: Self.dataset(), paused: true)
        session.start()
        defer { session.stop() }
        session.send(.stepBatch)
        #expect(Self.waitFor(session) { $0.step == 1 && $0.status == .paused } != nil)
        session.send(.stepBatch)
        #expect(Self.waitFor(session) { $0.step == 2 && $0.status == .paused } != nil)
        usleep(200_000)
        #expect(session.stop().first?.step == 2)
    }

    @Test("pause stops training before the next batch; a paused run does not advance")
    func pauseHolds() throws {
        let session = try TrainingSession(presets: [Self.config()], dataset: Self.dataset())
        session.start()
        defer { session.stop() }
        #expect(Self.waitFor(session) { $0.step >= 3 } != nil)
        session.send(.pause)
        guard let paused = Self.waitFor(session, { $0.status == .paused }) else {
            Issue.record("never paused")
            return
        }
        usleep(400_000)
        let trainers = session.stop()
        #expect(trainers.first?.step == paused.step)
    }

    @Test("reset returns to the seed's initial weights and batch order")
    func resetIsExact() throws {
        let data = Self.dataset()
        let fresh = try Trainer(config: Self.config(), dataset: data)
        let expectedFirstLoss = try fresh.trainBatch().lossPerPixel
        let session = try TrainingSession(presets: [Self.config()], dataset: data, paused: true)
        session.start()
        defer { session.stop() }
        session.send(.stepEpoch)
        #expect(Self.waitFor(session) { $0.epoch == 1 && $0.status == .paused } != nil)
        session.send(.reset)
        #expect(Self.waitFor(session) { $0.step == 0 } != nil)
        session.send(.stepBatch)
        let after = Self.waitFor(session) { $0.step == 1 }
        #expect(after?.lastBatchLoss == expectedFirstLoss)
    }

    @Test("a run stops at its epoch limit as finished")
    func finishesAtLimit() throws {
        let session = try TrainingSession(presets: [Self.config(epochs: 2)], dataset: Self.dataset())
        session.start()
        defer { session.stop() }
        let done = Self.waitFor(session) { $0.status == .finished }
        #expect(done?.epoch == 2)
    }

    @Test("switching preset starts the chosen experiment; an unknown number says so")
    func switchPreset() throws {
        let session = try TrainingSession(
            presets: [Self.config("first"), Self.config("second")], dataset: Self.dataset(), paused: true)
        session.start()
        defer { session.stop() }
        session.send(.switchPreset(1))
        #expect(Self.waitFor(session) { $0.runName == "second" } != nil)
        session.send(.switchPreset(5))
        #expect(Self.waitFor(session) { $0.note?.contains("no preset 6") == true } != nil)
    }

    @Test("a diverging run is paused with its message and can be reset")
    func divergence() throws {
        var config = Self.config()
        config.loss = .mse
        config.architecture.outputActivation = .identity
        config.optimizer = OptimizerSettings(kind: .sgd, learningRate: 1e6, momentum: 0)
        let session = try TrainingSession(presets: [config], dataset: Self.dataset())
        session.start()
        defer { session.stop() }
        let diverged = Self.waitFor(session) {
            if case .diverged = $0.status { return true }
            return false
        }
        #expect(diverged?.note?.contains("diverged at step") == true)
        session.send(.stepBatch)
        #expect(Self.waitFor(session) { $0.note?.contains("press r to reset") == true } != nil)
    }

    @Test("the loss history stays bounded and keeps its shape")
    func historyBounded() {
        var history = LossHistory(capacity: 64)
        for step in 1...10_000 { history.add(step: step, loss: 1 / Double(step)) }
        #expect(history.points.count < 64)
        #expect(history.points.first!.x < 300)
        #expect(history.points.last!.x > 9_000)
    }

    @Test("the mailbox hands out only newer snapshots")
    func mailbox() {
        let box = SnapshotMailbox()
        #expect(box.take(after: 0) == nil)
        box.post([])
        let first = box.take(after: 0)
        #expect(first?.sequence == 1)
        #expect(box.take(after: 1) == nil)
    }
}

@Suite("Training session totals")
struct SessionTotalsTests {
    @Test("the session counts every batch and sample it trains, across a reset")
    func totals() throws {
        let session = try TrainingSession(
            presets: [SessionTests.config()], dataset: SessionTests.dataset(), paused: true)
        session.start()
        defer { session.stop() }
        #expect(session.trainedTotals.steps == 0 && session.trainedTotals.samples == 0)
        session.send(.stepEpoch)
        let done = SessionTests.waitFor(session) { $0.epoch == 1 && $0.status == .paused }
        let batches = try #require(done?.batchesPerEpoch)
        #expect(session.trainedTotals.steps == batches)
        #expect(session.trainedTotals.samples == 640)  // 700 images - 60 validation
        session.send(.reset)
        session.send(.stepBatch)
        _ = SessionTests.waitFor(session) { $0.step == 1 && $0.status == .paused }
        #expect(session.trainedTotals.steps == batches + 1)
        #expect(session.trainedTotals.samples == 640 + 64)
    }
}
