// TrainingSession+Fork: `B` branches the selected run at its current step. Training queue only.
//
// The fork is the parent's exact state under a new name (Trainer.fork) with one setting changed,
// plus the parent's loss curve and epoch frames, inserted right after the parent. Parent and fork
// join one lockstep group (as pairs do: one batch of each in turn), so their curves are
// comparable point for point from the fork on. Names show the tree: "sparse-l1-b1" is the first
// branch of sparse-l1, "sparse-l1-b1-b2" the second branch of that one.
import AutoencoderKit

extension TrainingSession {
    /// Adds a fork of `run` with `change`; the note says what happened or why not.
    func fork(_ run: RunController, change: ForkChange) {
        guard runs.count < Self.maximumRuns else {
            run.note = "\(Self.maximumRuns) runs are kept already; x closes the selected one before forking"
            return
        }
        let name = forkName(of: run.trainer.config.name)
        do {
            let (trainer, detail) = try run.trainer.fork(name: name, change: change)
            let child = RunController(trainer: trainer, paused: true)
            child.inherit(from: run)
            child.display = display
            child.references = run.references
            if run.pairID == nil {
                run.pairID = nextPairID
                nextPairID += 1
            }
            child.pairID = run.pairID
            runs.insert(child, at: runs.firstIndex { $0 === run }.map { $0 + 1 } ?? runs.count)
            let note =
                "forked \(name) from \(run.config.name) at epoch \(trainer.epoch), step \(trainer.step): \(detail); T shows the tree"
            run.note = note
            child.note = note
        } catch {
            run.note = "cannot fork \(run.config.name): \(error)"
            run.noteIsError = true
        }
    }

    /// "NAME-bK" with the first K no kept run uses.
    func forkName(of parent: String) -> String {
        let taken = Set(runs.map(\.trainer.config.name))
        var k = 1
        while taken.contains("\(parent)-b\(k)") { k += 1 }
        return "\(parent)-b\(k)"
    }
}
