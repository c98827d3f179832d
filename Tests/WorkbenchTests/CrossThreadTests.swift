// CrossThreadTests: the hand-offs between the UI thread and the training queue, exercised from
// two threads at once so that `make test-tsan` (ThreadSanitizer) sees them: the snapshot
// mailbox, the command inbox, and the UI loop reading a real training session.
import AutoencoderKit
import Dispatch
import Foundation
import Testing

@testable import Workbench

@Suite struct CrossThreadTests {
    /// Two snapshots whose step says which post they came from.
    static func snapshots(_ base: TrainingSnapshot, step: Int) -> [TrainingSnapshot] {
        var snapshot = base
        snapshot.step = step
        return [snapshot, snapshot]
    }

    @Test func aReaderOnAnotherThreadSeesTheMailboxOnlyMoveForwardAndWhole() {
        let box = SnapshotMailbox()
        let posts = 2_000
        let base = Fixtures.snapshot()
        let writer = DispatchQueue(label: "test.writer")
        let group = DispatchGroup()
        writer.async(group: group) {
            for step in 1...posts { box.post(Self.snapshots(base, step: step)) }
        }
        var sequence: UInt64 = 0
        var lastStep = 0
        var reads = 0
        while sequence < UInt64(posts) {
            guard let (next, snapshots) = box.take(after: sequence) else { continue }
            #expect(next > sequence)
            #expect(snapshots.count == 2 && snapshots[0].step == snapshots[1].step)
            #expect(snapshots[0].step == Int(next), "sequence \(next) carries the snapshots of post \(next)")
            #expect(snapshots[0].step > lastStep)
            sequence = next
            lastStep = snapshots[0].step
            reads += 1
        }
        group.wait()
        #expect(lastStep == posts)
        #expect(reads >= 1)
    }

    @Test func commandsSentFromTwoThreadsAllArriveEachSendersInOrder() {
        let inbox = CommandInbox()
        let perSender = 1_000
        let group = DispatchGroup()
        for sender in 0..<2 {
            DispatchQueue(label: "test.sender\(sender)").async(group: group) {
                for index in 0..<perSender { inbox.send(sender == 0 ? .switchPreset(index) : .selectRun(index)) }
            }
        }
        var received: [SessionCommand] = []
        while received.count < 2 * perSender {
            let batch = inbox.drain()
            if batch.isEmpty { inbox.wait(milliseconds: 10) }
            received += batch
        }
        group.wait()
        #expect(inbox.drain().isEmpty)
        let first = received.compactMap { if case .switchPreset(let i) = $0 { i } else { nil } }
        let second = received.compactMap { if case .selectRun(let i) = $0 { i } else { nil } }
        #expect(first == Array(0..<perSender))
        #expect(second == Array(0..<perSender))
    }

    @Test func theUILoopDrivesARealSessionThroughAnEpoch() throws {
        let session = try TrainingSession(
            presets: [SessionTests.config()], dataset: SessionTests.dataset(), paused: true)
        session.start()
        defer { session.stop() }
        let terminal = RecordingTerminal(size: .minimum, script: [.key(.character("n"))])
        let loop = UILoop(
            terminal: terminal, session: session, themes: [.builtInDefault], state: AppState(size: .minimum))
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            // done when the state has the paused epoch and a frame has shown it (frames are
            // drawn at most 10 times a second, so the state can be ahead of the screen)
            if let run = loop.state.runs.first, run.epoch == 1, run.status == .paused,
                terminal.frames.count >= 2, terminal.frames.last?.renderedText.contains("PAUSED") == true
            {
                break
            }
            terminal.script.append(nil)
            #expect(loop.turn() == nil)
            usleep(2_000)
        }
        let run = loop.state.runs.first
        #expect(run?.epoch == 1 && run?.status == .paused)
        #expect(run?.step == run?.batchesPerEpoch)
        #expect(terminal.frames.count >= 2, "the first frame and one after the epoch")
        #expect(terminal.frames.last?.renderedText.contains("PAUSED") == true)
    }
}
