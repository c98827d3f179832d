// AppState+Apply: how each action changes the state and what it asks of the loop.

extension AppState {
    /// Applies one action.
    /// - Returns: The commands to send, whether to redraw or repaint, and whether to quit.
    public mutating func apply(_ action: Action) -> Effect {
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
            return note("switching to preset \(number)", [.switchPreset(number - 1)])
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
            view = view.next
            return Effect(redraw: true)
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
        }
    }

    private mutating func note(_ text: String, _ commands: [SessionCommand]) -> Effect {
        message = StatusMessage(text)
        return Effect(commands: commands, redraw: true)
    }
}
