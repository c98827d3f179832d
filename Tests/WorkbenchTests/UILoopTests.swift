// UILoopTests: the whole UI driven through RecordingTerminal and a fake session.
import AutoencoderKit
import Foundation
import Testing

@testable import Formats
@testable import Workbench

/// A session that records commands and hands out queued snapshots.
final class FakeSession: TrainingSessionInterface, @unchecked Sendable {
    private let lock = NSLock()
    private var commands: [SessionCommand] = []
    private var published: (UInt64, [TrainingSnapshot])?

    var sent: [SessionCommand] { lock.withLock { commands } }

    func send(_ command: SessionCommand) { lock.withLock { commands.append(command) } }

    func publish(_ snapshots: [TrainingSnapshot]) {
        lock.withLock { published = ((published?.0 ?? 0) + 1, snapshots) }
    }

    func latest(after sequence: UInt64) -> (sequence: UInt64, snapshots: [TrainingSnapshot])? {
        lock.withLock {
            guard let (number, snapshots) = published, number > sequence else { return nil }
            return (number, snapshots)
        }
    }
}

@Suite struct UILoopTests {
    func makeLoop(_ script: [TerminalInput?], session: FakeSession = FakeSession()) -> (
        UILoop<RecordingTerminal>, RecordingTerminal
    ) {
        let terminal = RecordingTerminal(size: .minimum, script: script)
        let loop = UILoop(
            terminal: terminal, session: session, themes: [.builtInDefault], state: AppState(size: .minimum),
            clock: { [unowned terminal] in terminal.nowMs })
        return (loop, terminal)
    }

    @Test func pressingNSendsStepEpoch() {
        let session = FakeSession()
        let (loop, _) = makeLoop([.key(.character("n")), .key(.character("q"))], session: session)
        #expect(loop.run() == .userQuit)
        #expect(session.sent == [.stepEpoch])
    }

    @Test func qQuitsAndCtrlCQuits() {
        #expect(makeLoop([.key(.character("q"))]).0.run() == .userQuit)
        #expect(makeLoop([nil, .key(.control("c"))]).0.run() == .userQuit)
    }

    @Test func endOfInputQuitsAsHangUp() {
        let (loop, terminal) = makeLoop([nil, .eof])
        #expect(loop.run() == .hangUp)
        #expect(terminal.requestedTimeouts.count == 2)
    }

    @Test func quitSignalsEndTheLoop() {
        #expect(makeLoop([.signal(15)]).0.run() == .signal(15))
        #expect(makeLoop([.signal(1)]).0.run() == .hangUp)
    }

    @Test func theLoopBlocksInReadKeyInsteadOfSpinning() {
        let (loop, terminal) = makeLoop(Array(repeating: nil, count: 20) + [.key(.character("q"))])
        #expect(loop.run() == .userQuit)
        #expect(terminal.requestedTimeouts.count == 21)
        #expect(terminal.requestedTimeouts.allSatisfy { $0 >= 1 })
        #expect(terminal.requestedTimeouts.dropFirst().allSatisfy { $0 == 100 })
        #expect(terminal.frames.count == 1, "an idle screen is drawn once")
    }

    @Test func newSnapshotsAreDrawnWithinTheFrameBudget() {
        let session = FakeSession()
        let terminal = RecordingTerminal(size: .minimum, script: [nil, nil, nil, .key(.character("q"))])
        let loop = UILoop(
            terminal: terminal, session: session, themes: [.builtInDefault], state: AppState(size: .minimum),
            clock: { [unowned terminal] in terminal.nowMs })
        session.publish([Fixtures.snapshot()])
        #expect(loop.run() == .userQuit)
        #expect(terminal.frames.count == 2)
        #expect(terminal.frames.last?.renderedText.contains("RUNNING") == true)
        #expect(loop.state.runs.count == 1)
    }

    @Test func keyBurstsAreDrawnAtMostTenTimesASecond() {
        let keys: [TerminalInput?] = Array(repeating: .key(.character("g")), count: 30) + [.key(.character("q"))]
        let (loop, terminal) = makeLoop(keys)
        #expect(loop.run() == .userQuit)
        #expect(terminal.frames.count <= 2)
        #expect(terminal.requestedTimeouts.dropFirst().allSatisfy { $0 >= 1 && $0 <= 100 })
    }

    @Test func aKeyIsDrawnAtOnceNotAtTheNextFrameSlot() {
        // frame 1 at t = 0; g at t = 1 changes the glyph mode: drawn at t = 1, not t = 100
        let (loop, terminal) = makeLoop([.key(.character("g")), .key(.character("q"))])
        #expect(loop.run() == .userQuit)
        #expect(terminal.frames.count == 2)
        #expect(terminal.frames[0].renderedText != terminal.frames[1].renderedText)
        #expect(terminal.nowMs == 2)
    }

    @Test func aSecondKeyWithinTheFrameIntervalWaitsForTheFrameBudget() {
        // frame 1 at t = 0, g at 1 drawn early at 1; t at 2 waits for the budget (99 ms)
        let (loop, terminal) = makeLoop([.key(.character("g")), .key(.character("t")), nil, .key(.character("q"))])
        #expect(loop.run() == .userQuit)
        #expect(terminal.requestedTimeouts == [100, 100, 99, 100])
        #expect(terminal.frames.count == 3)
    }

    @Test func aTimedLoopReportsEveryFrameItDraws() {
        var lines: [String] = []
        var nanoseconds: UInt64 = 0
        let stats = StatsReporter(
            intervalSeconds: 10,
            clock: {
                nanoseconds += 1_000_000
                return nanoseconds
            }, wallClock: { 0 },
            training: { .init(steps: 0, samples: 0) }, process: { .init(residentBytes: nil, cpuSeconds: nil) },
            write: { lines.append(JSONLinesWriter.line($0)) })
        let terminal = RecordingTerminal(size: .minimum, script: [.key(.character("g")), .key(.character("q"))])
        let loop = UILoop(
            terminal: terminal, session: FakeSession(), themes: [.builtInDefault], state: AppState(size: .minimum),
            clock: { [unowned terminal] in terminal.nowMs }, stats: stats)
        #expect(loop.run() == .userQuit)
        stats.finish()
        #expect(stats.whole.count == terminal.frames.count)
        #expect(stats.whole.maxMs == 1)  // each frame spans one tick of the fake clock
        #expect(lines.count == 1 && lines[0].contains("\"frames\":2,"))
        #expect(lines[0].contains("\"rss_bytes\":null,\"cpu_s\":null"))
    }

    @Test func resizeRedrawsAtTheNewSize() {
        let (loop, terminal) = makeLoop([.resize(TerminalSize(columns: 40, rows: 10)), nil, .key(.character("q"))])
        #expect(loop.run() == .userQuit)
        #expect(terminal.frames.last?.width == 40)
        #expect(terminal.frames.last?.renderedText.contains("terminal too small: 40 x 10") == true)
    }

    @Test func ctrlLRepaintsAndThemesCycleInPresent() {
        let terminal = RecordingTerminal(
            size: .minimum, script: [.key(.control("l")), .key(.character("t")), nil, nil, .key(.character("q"))])
        let second = Theme(
            name: "second", background: .terminalDefault, selectionBackground: .terminalDefault, foregrounds: [:])
        let loop = UILoop(
            terminal: terminal, session: FakeSession(), themes: [.builtInDefault, second],
            state: AppState(size: .minimum),
            clock: { [unowned terminal] in terminal.nowMs })
        #expect(loop.run() == .userQuit)
        #expect(terminal.repaintCount == 1)
        #expect(terminal.themeNames.first == "default")
        #expect(terminal.themeNames.last == "second")
    }
}
