// TrainingSession+Pairs: keeping up to four runs, pairing two of them for an A/B comparison,
// and keeping a pair in lockstep. Training queue only.
//
// A pair starts together: the selected run is reset to its seed's initial weights, and the new
// run (another preset, same seed) copies every weight tensor of the same name (whole when the
// shapes agree; with different code sizes the overlapping block, so the shared units start alike)
// and takes the same random state, so both shuffle the same batch order. The loop trains one batch
// of each running run in turn; a run that finished more epochs than its partner waits, so epoch
// k of one meets epoch k of the other even when their batch sizes differ.
import AutoencoderKit

extension TrainingSession {
    /// The selected run and its partner, if paired (pause, step and reset apply to both).
    func group(of run: RunController) -> [RunController] {
        guard let id = run.pairID else { return [run] }
        return runs.filter { $0.pairID == id }
    }

    /// True when `run` is a whole epoch ahead of a partner that is still training.
    func waitsForPartner(_ run: RunController) -> Bool {
        group(of: run).contains { $0 !== run && $0.wantsBatch && $0.trainer.epoch < run.trainer.epoch }
    }

    /// Restarts the selected run and adds a paired run of preset `index` with the same seed.
    func pair(_ run: RunController, with index: Int) {
        guard presets.indices.contains(index) else {
            run.note = "no preset \(index + 1): \(presets.count) presets are loaded"
            return
        }
        guard runs.count < Self.maximumRuns else {
            run.note = "\(Self.maximumRuns) runs are kept already; x closes the selected one"
            return
        }
        let wasRunning = run.status == .running
        var config = presets[index]
        config.seed = run.config.seed
        do {
            unpair(run)
            try run.reset()
            let partner = try RunController(config: config, dataset: dataset, paused: true, openEnded: openEnded)
            let shared = partner.trainer.shareInitialState(with: run.trainer)
            let total = partner.trainer.model.layout.tensors.count
            partner.display = display
            run.pairID = nextPairID
            partner.pairID = nextPairID
            nextPairID += 1
            runs.insert(partner, at: runs.firstIndex { $0 === run }.map { $0 + 1 } ?? runs.count)
            let whole = shared.filter { !$0.hasSuffix("(partly)") }.count
            let start = Self.pairStart(run.config, config, wholeTensors: whole, tensors: total)
            run.pairStart = start
            partner.pairStart = start
            run.note =
                "paired with \(config.name): \(Self.pairStartShort(run.config, config, whole == total)); v compares"
            partner.note = run.note
            if wasRunning { group(of: run).forEach(resume) }
        } catch {
            run.note = "cannot pair with \(config.name): \(error)"
        }
    }

    /// What runs `a` and `b` (paired, same seed) share at the start, in words a user knows:
    /// always the batch order; the initial weights wholly when the layers match, else those of
    /// the code units both have.
    static func pairStart(_ a: TrainingConfig, _ b: TrainingConfig, wholeTensors: Int, tensors: Int) -> String {
        if wholeTensors == tensors { return "same initial weights and batch order" }
        let codeA = a.architecture.codeSize
        let codeB = b.architecture.codeSize
        if a.architecture.encoderSizes.dropLast() == b.architecture.encoderSizes.dropLast(), codeA != codeB {
            let small = min(codeA, codeB)
            let large = max(codeA, codeB)
            let larger = codeA > codeB ? a.name : b.name
            return "same batch order; the \(small) code units both have start with the same weights, "
                + "\(larger)'s other \(large - small) from its own draw"
        }
        return "same batch order; layers of the same size start alike (\(wholeTensors) of \(tensors) weight tensors), "
            + "the others from each run's own draw"
    }

    /// The first words of `pairStart`, for the status line.
    static func pairStartShort(_ a: TrainingConfig, _ b: TrainingConfig, _ allWhole: Bool) -> String {
        if allWhole { return "same start and batches" }
        let codeA = a.architecture.codeSize
        let codeB = b.architecture.codeSize
        if a.architecture.encoderSizes.dropLast() == b.architecture.encoderSizes.dropLast(), codeA != codeB {
            return "same batches, \(min(codeA, codeB)) shared code units start alike"
        }
        return "same batches, same-size layers start alike"
    }

    /// Resets every run of a group to its seed and shares the start again if it is a pair.
    func resetGroup(_ group: [RunController]) {
        do {
            for run in group { try run.reset() }
            if group.count == 2 { group[1].trainer.shareInitialState(with: group[0].trainer) }
        } catch {
            group.first?.note = "reset failed: \(error)"
        }
    }

    /// Ends `run`'s pairing (its partner stays, unpaired).
    func unpair(_ run: RunController) {
        guard let id = run.pairID else { return }
        for other in runs where other.pairID == id { other.pairID = nil }
    }

    /// Drops the selected run unless it is the only one.
    func closeSelected() {
        let run = current
        guard runs.count > 1 else {
            run.note = "the last run stays open"
            return
        }
        unpair(run)
        runs.removeAll { $0 === run }
        selected = min(selected, runs.count - 1)
        current.note = "closed \(run.config.name); \(runs.count) run\(runs.count == 1 ? "" : "s") kept"
    }

    /// Run names for the screen, numbered when two runs share a preset ("undercomplete #2").
    func displayNames() -> [String] {
        var seen: [String: Int] = [:]
        return runs.map { run in
            let name = run.config.name
            seen[name, default: 0] += 1
            let count = seen[name] ?? 1
            return count > 1 ? "\(name) #\(count)" : name
        }
    }
}
