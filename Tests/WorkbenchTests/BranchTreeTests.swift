// BranchTreeTests: `B` forks through the real session (twin in lockstep, identical numbers;
// lr x2 differs), the keys of the fork picker and the tree, and the tree view and picker as
// screen snapshots at 80x24 and 120x40 in colour and ASCII.
import AutoencoderKit
import Foundation
import Testing

@testable import Workbench

@Suite struct BranchTreeTests {
    @Test func aTwinForkStepsTwoEpochsInLockstepWithItsParentWithIdenticalNumbers() throws {
        let session = try TrainingSession(
            presets: [PairingTests.config("root")], dataset: PairingTests.dataset, paused: true)
        session.start()
        defer { session.stop() }
        for step in 1...2 {
            session.send(.stepBatch)
            _ = try PairingTests.wait(session) { $0.first?.step == step && $0.first?.status == .paused }
        }
        session.send(.fork(.same))
        var runs: [TrainingSnapshot] = []
        for epoch in 1...2 {
            session.send(.stepEpoch)
            runs = try PairingTests.wait(session) { runs in
                runs.count == 2 && runs.allSatisfy { $0.epoch == epoch && $0.status == .paused }
            }
        }
        #expect(runs.map(\.runName) == ["root", "root-b1"])
        #expect(runs[1].lineage == RunLineage(parent: "root", forkEpoch: 0, forkStep: 2, change: "same"))
        #expect(runs[0].pairID != nil && runs[0].pairID == runs[1].pairID)
        #expect(runs[0].epochSeries == runs[1].epochSeries)
        #expect(runs[0].batchLoss == runs[1].batchLoss)
        #expect(runs[0].probeReconstructions == runs[1].probeReconstructions)
    }

    @Test func aForkWithTheLearningRateDoubledEndsTheEpochWithOtherLosses() throws {
        let session = try TrainingSession(
            presets: [PairingTests.config("root")], dataset: PairingTests.dataset, paused: true)
        session.start()
        defer { session.stop() }
        session.send(.fork(.learningRateUp))
        session.send(.stepEpoch)
        let runs = try PairingTests.wait(session) { runs in
            runs.count == 2 && runs.allSatisfy { $0.epoch == 1 && $0.status == .paused }
        }
        #expect(runs[1].note?.hasPrefix("forked root-b1 from root at epoch 0, step 0: learning rate") == true)
        #expect(runs[0].lastValidationLoss != runs[1].lastValidationLoss)
    }

    @Test func bOpensThePickerAndADigitSendsTheFork() {
        var state = Fixtures.pairedState(size: .minimum)
        _ = state.apply(.startFork)
        #expect(state.prompt == .fork)
        let effect = state.apply(.switchPreset(2))
        #expect(effect.commands == [.fork(.learningRateDown)])
        #expect(state.prompt == nil)
        _ = state.apply(.startFork)
        #expect(state.apply(.nextRun).commands.isEmpty)
        #expect(state.message?.text == "fork cancelled")
    }

    @Test func upAndDownInTheTreeSelectTheNextAndPreviousBranch() {
        var state = Self.treeState(size: .minimum)
        #expect(state.apply(.arrow(.down)).commands == [.selectRun(1)])
        #expect(state.apply(.arrow(.down)).commands == [.selectRun(2)])
        #expect(state.apply(.arrow(.up)).commands == [.selectRun(1)])
    }

    @Test func theTreeListsBranchesDepthFirstUnderTheirParents() {
        let rows = BranchTreePanel.rows(Self.treeState(size: .minimum).runs)
        #expect(rows.map(\.index) == [0, 1, 2, 3])
        #expect(rows.map(\.depth) == [0, 1, 1, 2])
        #expect(rows.map(\.last) == [true, false, true, true])
    }

    /// sparse-l1 with two forks, the second of them forked again.
    static func treeState(size: TerminalSize, glyphs: GlyphMode = .braille, colors: ColorMode = .colors256) -> AppState
    {
        var state = Fixtures.pairedState(size: size, view: .tree, glyphs: glyphs, colors: colors)
        let root = state.runs[0]
        func branch(_ name: String, parent: String, epoch: Int, change: String, loss: Double) -> TrainingSnapshot {
            var s = root
            s.runName = name
            s.lineage = RunLineage(parent: parent, forkEpoch: epoch, forkStep: epoch * 469, change: change)
            s.lastBatchLoss = loss
            s.lastValidationLoss = loss + 0.008
            return s
        }
        state.runs = [
            root,
            branch("sparse-l1-b2", parent: "sparse-l1", epoch: 4, change: "penalty x0.5", loss: 0.0871),
            branch("sparse-l1-b1", parent: "sparse-l1", epoch: 2, change: "lr x2", loss: 0.0902),
            branch("sparse-l1-b1-b1", parent: "sparse-l1-b1", epoch: 3, change: "lr x0.5", loss: 0.0899),
        ]
        state.selectedRun = 0
        return state
    }

    @Test(arguments: [TerminalSize(columns: 80, rows: 24), TerminalSize(columns: 120, rows: 40)])
    func theTreeAndThePickerMatchTheirSnapshots(size: TerminalSize) {
        var state = Self.treeState(size: size)
        state.selectedRun = 2
        let name = "branch-tree-\(size.columns)x\(size.rows)"
        SnapshotAssertion.assertMatches(Screen.render(state).styledDump, named: "\(name)-color.txt")
        var ascii = Self.treeState(size: size, glyphs: .ascii, colors: .none)
        ascii.selectedRun = 2
        SnapshotAssertion.assertMatches(Screen.render(ascii).renderedText, named: "\(name)-ascii.txt")
        state.prompt = .fork
        ascii.prompt = .fork
        SnapshotAssertion.assertMatches(
            Screen.render(state).styledDump, named: "fork-picker-\(size.columns)x\(size.rows)-color.txt")
        SnapshotAssertion.assertMatches(
            Screen.render(ascii).renderedText, named: "fork-picker-\(size.columns)x\(size.rows)-ascii.txt")
        #expect(!Screen.render(ascii).renderedText.unicodeScalars.contains { !$0.isASCII })
    }
}
