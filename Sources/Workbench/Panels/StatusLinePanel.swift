// StatusLinePanel: one line with the run's state, progress, loss, speed, and a note or "? help".
import AutoencoderKit

/// The bottom line. Segments are kept by priority when the line is narrow; the right end shows
/// "? help", with the latest message or a diverged run's reason just left of it.
public struct StatusLinePanel: Panel {
    public init() {}

    public func render(_ state: AppState, in rect: Rect, on canvas: inout TextCanvas) {
        guard !rect.isEmpty else { return }
        canvas.fill(rect)
        let row = rect.y
        // "? help" always stays at the right end; a note sits just left of it, cut to fit
        let hint = "? help"
        let right = Self.rightPart(state)
        // a note takes at most half the line; a diverged run's reason as much as it needs (the
        // run has stopped); another error (a failed save) all but room for the state and loss
        // of a run that goes on
        var diverged = false
        if case .diverged? = state.selected?.status { diverged = true }
        let widest = right?.role != .error ? rect.width / 2 : (diverged ? rect.width : rect.width - 40)
        let noteRoom = max(0, min(rect.width - 12 - hint.count - 2, widest))
        let note = right.map { String($0.text.prefix(noteRoom)) } ?? ""
        let hintWidth = min(hint.count, rect.width)
        canvas.writeRight(String(hint.prefix(hintWidth)), in: rect, y: row, role: .dim)
        if !note.isEmpty, let right {
            canvas.writeRight(
                note, in: Rect(x: rect.x, y: row, width: rect.width - hintWidth - 2, height: 1), y: row,
                role: right.role)
        }
        let rightWidth = hintWidth + (note.isEmpty ? 0 : note.count + 2)
        let available = rect.width - rightWidth - (rightWidth > 0 ? 2 : 0)
        var column = rect.x
        for (text, role) in Self.fitting(Self.segments(state), width: available) {
            if column > rect.x { column += 2 }
            column = canvas.write(
                text, x: column, y: row, role: role, clip: Rect(x: rect.x, y: row, width: available, height: 1))
        }
    }

    /// (priority, text, role) for each left-hand segment, in display order; lower priority
    /// numbers are kept first.
    static func segments(_ state: AppState) -> [(Int, String, StyleRole)] {
        guard let run = state.selected else { return [(0, "waiting for the first snapshot", .dim)] }
        let (word, role): (String, StyleRole) =
            switch run.status {
            case .running: ("RUNNING", .status)
            case .paused: ("PAUSED", .statusPaused)
            case .finished: ("FINISHED", .statusFinished)
            case .diverged: ("DIVERGED", .error)
            }
        var result: [(Int, String, StyleRole)] = [(0, word, role)]
        if state.frozen { result.append((1, "FROZEN", .warning)) }
        if let epoch = state.options.scrubEpoch { result.append((1, "AT EPOCH \(epoch)", .warning)) }
        if state.runs.count > 1 {
            let pair = run.pairID != nil ? " A/B" : ""
            result.append(
                (3, "run \(min(state.selectedRun, state.runs.count - 1) + 1)/\(state.runs.count)\(pair)", .text))
        }
        result.append((6, run.titleName, .title))
        result.append((2, run.totalEpochs.map { "epoch \(run.epoch)/\($0)" } ?? "epoch \(run.epoch)", .text))
        result.append((3, "batch \(run.batchInEpoch)/\(run.batchesPerEpoch)", .text))
        if let loss = run.lastBatchLoss {
            result.append((1, "loss \(NumberFormat.value(loss)) \(run.lossUnit)", .lossTrain))
        }
        if let validation = run.lastValidationLoss {
            result.append((5, "val \(NumberFormat.value(validation))", .lossValidation))
        }
        result.append((4, "\(NumberFormat.compact(run.samplesPerSecond)) samples/s", .dim))
        return result
    }

    /// The segments that fit in `width` (two spaces between), by priority, in display order.
    static func fitting(_ segments: [(Int, String, StyleRole)], width: Int) -> [(String, StyleRole)] {
        var kept = Set<Int>()
        var used = 0
        for (index, segment) in segments.enumerated().sorted(by: { $0.element.0 < $1.element.0 }) {
            let cost = segment.1.count + (kept.isEmpty ? 0 : 2)
            if used + cost <= width {
                kept.insert(index)
                used += cost
            }
        }
        return segments.enumerated().filter { kept.contains($0.offset) }.map { ($0.element.1, $0.element.2) }
    }

    /// The note left of "? help": the pairing prompt, the latest message or a diverged run's
    /// reason, if any.
    static func rightPart(_ state: AppState) -> (text: String, role: StyleRole)? {
        if state.prompt == .fork { return ("fork with: 1-\(ForkChange.allCases.count) (other key cancels)", .warning) }
        if let prompt = state.prompt {
            let keys = "1-\(min(PresetPickerOverlay.keyCount, max(1, state.presetChoices.count)))"
            return ((prompt == .pair ? "pair with: " : "switch to: ") + keys + " (other key cancels)", .warning)
        }
        if let message = state.message { return (message.text, message.isError ? .error : .warning) }
        if case .diverged(let reason)? = state.selected?.status { return ("diverged: " + reason, .error) }
        return nil
    }
}
