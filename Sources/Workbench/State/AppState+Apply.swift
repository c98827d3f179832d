// AppState+Apply: how each action changes the state and what it asks of the loop.
import AutoencoderKit

extension AppState {
    /// Applies one action.
    /// - Returns: The commands to send, whether to redraw or repaint, and whether to quit. When
    ///   the action changes what the visible view needs, a `setDisplay` command follows.
    public mutating func apply(_ action: Action) -> Effect {
        var effect = applyAction(action)
        if let command = displayCommand() {
            effect.commands.append(command)
            effect.redraw = true
        }
        return effect
    }

    private mutating func applyAction(_ action: Action) -> Effect {
        if let asked = prompt, asked != .fork {
            prompt = nil
            switch action {
            case .switchPreset(let number) where asked == .pair:
                return note("pairing with \(presetLabel(number)); v compares", [.pairWith(number - 1)])
            case .switchPreset:
                break
            case .toggleHelp, .repaint, .quit:
                break
            default:
                message = StatusMessage(asked == .pair ? "pairing cancelled" : "no preset picked")
                return Effect(redraw: true)
            }
        }
        if prompt == .fork {
            prompt = nil
            switch action {
            case .switchPreset(let number) where ForkChange.allCases.indices.contains(number - 1):
                let change = ForkChange.allCases[number - 1]
                return note(
                    "forking \(selected?.titleName ?? "the run") with \(change.label); T shows the tree",
                    [.fork(change)])
            case .toggleHelp, .repaint, .quit:
                break
            default:
                message = StatusMessage("fork cancelled")
                return Effect(redraw: true)
            }
        }
        let factor = Action.scaleFactor
        let factorText = "\(Int(factor))"
        switch action {
        case .togglePause:
            let pausing = selected?.status == .running
            return note(pausing ? "pausing" : "resuming", [.togglePause])
        case .stepEpoch:
            return note("stepping one epoch", [.stepEpoch])
        case .stepBatch:
            return note("stepping one batch", [.stepBatch])
        case .switchPreset(let number):
            return note("switching to \(presetLabel(number))", [.switchPreset(number - 1)])
        case .learningRateUp:
            return note("learning rate x\(factorText)", [.scaleLearningRate(factor)])
        case .learningRateDown:
            return note("learning rate x\(1 / factor)", [.scaleLearningRate(1 / factor)])
        case .regularizationUp:
            return note("regularization x\(factorText)", [.scaleRegularization(factor)])
        case .regularizationDown:
            return note("regularization x\(1 / factor)", [.scaleRegularization(1 / factor)])
        case .reset:
            return note("reset to initial weights", [.reset])
        case .save:
            return note("saving checkpoint", [.save])
        case .nextView:
            return show(view.next)
        case .showView(let target):
            return show(target)
        case .nextTheme:
            themeIndex = (themeIndex + 1) % themeNames.count
            return note("theme: \(themeNames[themeIndex])", [])
        case .nextGlyphMode:
            let index = availableGlyphModes.firstIndex(of: glyphMode) ?? -1
            glyphMode = availableGlyphModes[(index + 1) % availableGlyphModes.count]
            return note("glyphs: \(glyphMode.rawValue)", [])
        case .toggleHelp:
            helpShown.toggle()
            return Effect(redraw: true)
        case .closeOverlay:
            guard helpShown else { return .none }
            helpShown = false
            return Effect(redraw: true)
        case .toggleFreeze:
            frozen.toggle()
            return note(frozen ? "display frozen (training continues); f to unfreeze" : "display live", [])
        case .repaint:
            return Effect(redraw: true, repaint: true)
        case .quit:
            return Effect(quit: .userQuit)
        default:
            return applyViewAction(action)
        }
    }

    /// Runs, chart, paging, walk, scrubbing and layout keys.
    private mutating func applyViewAction(_ action: Action) -> Effect {
        switch action {
        case .startFork:
            guard selected != nil else { return note("no run to fork yet", []) }
            prompt = .fork
            return note("fork \(selected?.titleName ?? "the run") at step \(selected?.step ?? 0): pick the change", [])
        case .startPairing:
            prompt = .pair
            return note("pair with which preset? 1-9 (same seed, lockstep); any other key cancels", [])
        case .startPresetPicker:
            prompt = .switchPreset
            return note("switch to which preset? 1-9; any other key cancels", [])
        case .nextRun, .previousRun:
            guard runs.count > 1 else { return note("one run kept; c then 1-9 adds a paired run", []) }
            let step = action == .nextRun ? 1 : runs.count - 1
            selectedRun = (selectedRun + step) % runs.count
            return note("run \(selectedRun + 1)/\(runs.count): \(selected?.titleName ?? "")", [.selectRun(selectedRun)])
        case .closeRun:
            guard runs.count > 1 else { return note("the last run stays open", []) }
            return note("closing \(selected?.titleName ?? "run")", [.closeRun])
        case .toggleLogScale:
            options.logScale.toggle()
            return note(options.logScale ? "loss axis: log scale" : "loss axis: linear", [])
        case .zoomIn, .zoomOut:
            let zoom = options.zoom + (action == .zoomIn ? 1 : -1)
            options.zoom = min(max(zoom, 0), ViewOptions.maximumZoom)
            return note(
                options.zoom == 0 ? "time window: whole run" : "time window: last 1/\(1 << options.zoom) of the run", []
            )
        case .arrow(let key):
            return arrow(key)
        case .nextWalkSampleA:
            options.walk.sampleA += 1
            return Effect(redraw: true)
        case .nextWalkSampleB:
            options.walk.sampleB += 1
            return Effect(redraw: true)
        case .drawPrior:
            guard view == .walk else { return note("P draws from the prior in the latent walk view (z)", []) }
            options.walk.priorDraw += 1
            return note("samples from the prior N(0, I), draw \(options.walk.priorDraw)", [])
        case .scrubBack, .scrubForward:
            return scrub(back: action == .scrubBack)
        case .toggleExpand:
            options.expanded.toggle()
            return Effect(redraw: true)
        case .nextFocus:
            options.focus += 1
            return Effect(redraw: true)
        default:
            return .none
        }
    }

    private mutating func show(_ target: View) -> Effect {
        if target != view {
            options.focus = 0
            options.expanded = false
        }
        view = target
        return note(target.title, [])
    }

    /// In the latent walk, ↑/↓ choose the code unit and ←/→ change its value; in the code view
    /// the arrows move the cursor on the scatter; elsewhere ←/→ page through the validation
    /// samples.
    private mutating func arrow(_ key: Key) -> Effect {
        let units = selected?.probeCodes.first?.count ?? 1
        let page = max(1, selected?.probeInputs.count ?? 16)
        switch (view, key) {
        case (.tree, .up), (.tree, .down):
            return applyViewAction(key == .down ? .nextRun : .previousRun)
        case (.walk, .up), (.walk, .down):
            let next = options.walk.unit + (key == .up ? -1 : 1)
            options.walk.unit = ((next % units) + units) % units
            options.walk.offset = 0
            options.walk.priorDraw = 0
            return Effect(redraw: true)
        case (.walk, .left), (.walk, .right):
            options.walk.offset += key == .right ? ViewOptions.walkStep : -ViewOptions.walkStep
            options.walk.priorDraw = 0
            return Effect(redraw: true)
        case (.codes, _):
            let move: (Int, Int) = key == .left ? (-1, 0) : key == .right ? (1, 0) : key == .up ? (0, 1) : (0, -1)
            options.cursor = options.cursor.moved(move.0, move.1)
            return Effect(redraw: true)
        case (_, .left), (_, .right):
            options.probeStart = max(0, options.probeStart + (key == .right ? page : -page))
            return note("validation samples from #\(options.probeStart)", [])
        default:
            return .none
        }
    }

    /// Moves the scrub position one kept epoch back or forward; forward past the newest is live.
    private mutating func scrub(back: Bool) -> Effect {
        let epochs = keptEpochs
        guard !epochs.isEmpty else { return note("no finished epoch kept yet", []) }
        if back {
            let current = options.scrubEpoch ?? Int.max
            options.scrubEpoch = epochs.last { $0 < current } ?? epochs.first
        } else if let current = options.scrubEpoch {
            options.scrubEpoch = epochs.first { $0 > current }
        }
        return note(options.scrubEpoch.map { "showing epoch \($0); } returns to live" } ?? "live", [])
    }

    private mutating func note(_ text: String, _ commands: [SessionCommand]) -> Effect {
        message = StatusMessage(text)
        return Effect(commands: commands, redraw: true)
    }

    /// "preset 3 (sparse-l1)" for key `number`, or "preset 3" when no preset has that key.
    func presetLabel(_ number: Int) -> String {
        presetChoices.indices.contains(number - 1)
            ? "preset \(number) (\(presetChoices[number - 1].name))" : "preset \(number)"
    }
}
