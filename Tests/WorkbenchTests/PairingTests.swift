// PairingTests: paired runs share their initial weights and batch order, train in lockstep,
// and with identical settings reach identical numbers.
import AutoencoderKit
import Foundation
import Testing

@testable import Workbench

@Suite struct PairingTests {
    /// 600 built-in digits, 100 of them for validation.
    static let dataset = Dataset(
        name: "digits-600", all: DigitsGenerator.images(count: 600, seed: 7, name: "digits"), validationCount: 100,
        test: nil)

    static func config(_ name: String, code: Int = 16, seed: UInt64 = 3) -> TrainingConfig {
        TrainingConfig(
            name: name, architecture: Architecture(encoderSizes: [code], codeActivation: .sigmoid), batchSize: 50,
            epochs: 5, seed: seed)
    }

    @Test func pairedTrainersStartWithIdenticalWeightsAndBatchOrder() throws {
        let a = try Trainer(config: Self.config("a"), dataset: Self.dataset)
        let b = try Trainer(config: Self.config("b", seed: 99), dataset: Self.dataset)
        #expect(a.model.parameters.array != b.model.parameters.array)
        let shared = b.shareInitialState(with: a)
        #expect(shared.count == a.model.layout.tensors.count)
        #expect(a.model.parameters.array == b.model.parameters.array)
        try a.trainBatch()
        try b.trainBatch()
        #expect(!a.epochOrder.isEmpty)
        #expect(a.epochOrder == b.epochOrder)
    }

    @Test func identicalSettingsGiveIdenticalErrorsAfterOneEpoch() throws {
        let a = try Trainer(config: Self.config("a"), dataset: Self.dataset)
        let b = try Trainer(config: Self.config("a"), dataset: Self.dataset)
        b.shareInitialState(with: a)
        let ma = try a.trainEpoch()
        let mb = try b.trainEpoch()
        #expect(ma.validationLossPerPixel == mb.validationLossPerPixel)
        #expect(ma.trainLossPerPixel == mb.trainLossPerPixel)
    }

    @Test func differentCodeSizesShareTheOverlappingUnits() throws {
        let a = try Trainer(config: Self.config("a", code: 16), dataset: Self.dataset)
        let b = try Trainer(config: Self.config("b", code: 8), dataset: Self.dataset)
        let shared = b.shareInitialState(with: a)
        #expect(shared.contains("encoder.0.weight (partly)"))
        #expect(shared.contains("decoder.0.bias"))
        // encoder row j (unit j's weights on the 784 pixels) agrees for the first 8 units
        let rowA = Array(a.inspector.pixelWeights(decoder: false, limit: 8))
        let rowB = Array(b.inspector.pixelWeights(decoder: false, limit: 8))
        #expect(rowA == rowB)
        #expect(a.inspector.pixelWeights(decoder: true, limit: 8) == b.inspector.pixelWeights(decoder: true, limit: 8))
    }

    @Test func aPairStepsOneEpochInLockstepThroughTheSession() throws {
        let session = try TrainingSession(presets: [Self.config("twin")], dataset: Self.dataset, paused: true)
        session.start()
        defer { session.stop() }
        session.send(.pairWith(0))
        session.send(.stepEpoch)
        let runs = try Self.wait(session) { runs in
            runs.count == 2 && runs.allSatisfy { $0.epoch == 1 && $0.status == .paused }
        }
        #expect(runs[0].pairID != nil && runs[0].pairID == runs[1].pairID)
        #expect(runs[1].runName == "twin #2")
        #expect(runs[0].lastValidationLoss == runs[1].lastValidationLoss)
        #expect(runs[0].probeReconstructions == runs[1].probeReconstructions)
        #expect(runs[0].history.count == 1 && runs[1].history.count == 1)
    }

    @Test func thePairsStartIsSaidInWordsTheCodeUnitsBothHave() throws {
        let session = try TrainingSession(
            presets: [Self.config("small", code: 8), Self.config("large", code: 16)], dataset: Self.dataset,
            paused: true)
        session.start()
        defer { session.stop() }
        session.send(.pairWith(1))
        let runs = try Self.wait(session) { $0.count == 2 && $0[0].pairStart != nil }
        #expect(
            runs[0].pairStart
                == "same batch order; the 8 code units both have start with the same weights, large's other 8 from its own draw"
        )
        #expect(runs[1].pairStart == runs[0].pairStart)
        #expect(runs[0].note == "paired with large: same batches, 8 shared code units start alike; v compares")
    }

    @Test func aPairOfTheSameShapeSharesTheWholeStart() {
        let text = TrainingSession.pairStart(Self.config("a"), Self.config("b"), wholeTensors: 4, tensors: 4)
        #expect(text == "same initial weights and batch order")
    }

    @Test func anOpenEndedSessionTrainsPastTheConfiguredEpochs() throws {
        var config = Self.config("short")
        config.epochs = 1
        let session = try TrainingSession(presets: [config], dataset: Self.dataset, paused: false, openEnded: true)
        session.start()
        defer { session.stop() }
        let runs = try Self.wait(session) { $0.first.map { $0.epoch >= 2 } ?? false }
        #expect(runs[0].status == .running && runs[0].totalEpochs == nil)
        #expect(StatusLinePanel.segments(Fixtures.state(size: .minimum)).contains { $0.1 == "epoch 5/20" })
    }

    @Test func aBoundedSessionFinishesAtItsEpochs() throws {
        var config = Self.config("short")
        config.epochs = 1
        let session = try TrainingSession(presets: [config], dataset: Self.dataset, paused: false)
        session.start()
        defer { session.stop() }
        let runs = try Self.wait(session) { $0.first?.status == .finished }
        #expect(runs[0].epoch == 1 && runs[0].totalEpochs == 1)
    }

    @Test func pausingTheSelectedRunPausesItsPartner() throws {
        let session = try TrainingSession(presets: [Self.config("twin")], dataset: Self.dataset, paused: true)
        session.start()
        defer { session.stop() }
        session.send(.pairWith(0))
        session.send(.resume)
        _ = try Self.wait(session) { $0.count == 2 && $0.allSatisfy { $0.status == .running } }
        session.send(.togglePause)
        let runs = try Self.wait(session) { $0.count == 2 && $0.allSatisfy { $0.status == .paused } }
        #expect(abs(runs[0].step - runs[1].step) <= 1)
    }

    @Test func theSessionKeepsAtMostFourRunsAndClosesTheSelectedOne() throws {
        let session = try TrainingSession(
            presets: [Self.config("a"), Self.config("b", code: 8)], dataset: Self.dataset, paused: true)
        session.start()
        defer { session.stop() }
        for _ in 0..<5 { session.send(.pairWith(1)) }
        var runs = try Self.wait(session) { $0.count == 4 && $0.first?.note?.contains("4 runs are kept") == true }
        #expect(runs.count == 4)
        session.send(.selectRun(3))
        session.send(.closeRun)
        runs = try Self.wait(session) { $0.count == 3 }
        #expect(runs.count == 3)
    }

    @Test func theFiltersScatterAndWalkAreComputedOnlyWhenAsked() throws {
        let session = try TrainingSession(presets: [Self.config("a", code: 2)], dataset: Self.dataset, paused: true)
        session.start()
        defer { session.stop() }
        var runs = try Self.wait(session) { !$0.isEmpty }
        #expect(runs[0].filters.isEmpty && runs[0].scatter == nil && runs[0].walk == nil)
        session.send(
            .setDisplay(DisplayRequest(filters: true, scatter: true, walk: WalkRequest(steps: 5, unit: 1, offset: 0.5)))
        )
        runs = try Self.wait(session) { $0.first?.walk != nil }
        #expect(runs[0].filters.map(\.title) == ["decoder columns", "encoder rows"])
        #expect(runs[0].filters[0].tiles.count == 2)
        #expect(runs[0].scatter?.xName == "h1" && runs[0].scatter?.points.count == 100)
        #expect(runs[0].walk?.interpolation.count == 5)
        #expect(runs[0].walk.map { $0.code[1] == $0.original + 0.5 } == true)
        #expect(runs[0].references.map(\.name) == ["entropy floor"])
    }

    /// Polls the session's snapshots until `done` holds (at most 30 s).
    static func wait(_ session: TrainingSession, until done: ([TrainingSnapshot]) -> Bool) throws -> [TrainingSnapshot]
    {
        let deadline = Date().addingTimeInterval(30)
        var sequence: UInt64 = 0
        var last: [TrainingSnapshot] = []
        while Date() < deadline {
            if let (next, runs) = session.latest(after: sequence) {
                sequence = next
                last = runs
                if done(runs) { return runs }
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        Issue.record(
            "timed out; last snapshots: \(last.map { "\($0.runName) epoch \($0.epoch) \($0.status) \($0.note ?? "")" })"
        )
        return last
    }
}
