// AppState: everything the screen shows, as one value; rendering is a pure function of it.
import AutoencoderKit

/// A one-line note for the user on the status line.
public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var isError: Bool
    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

/// A preset as the picker lists it: its name and one line on what it is.
public struct PresetChoice: Equatable, Sendable {
    public var name: String
    public var summary: String
    public init(name: String, summary: String) {
        self.name = name
        self.summary = summary
    }
}

/// The UI's whole state. Changed only by `apply(_:)`, `receive(_:)` and `resize(to:)`.
public struct AppState: Equatable, Sendable {
    /// The latest snapshot of each run (the session's order).
    public var runs: [TrainingSnapshot]
    /// Index into `runs` of the run the panels show.
    public var selectedRun: Int
    public var view: View
    public var helpShown: Bool
    /// When true the display keeps its snapshots and ignores newer ones; training continues.
    public var frozen: Bool
    /// Names of the themes `t` cycles through, and the current one.
    public var themeNames: [String]
    public var themeIndex: Int
    public var glyphMode: GlyphMode
    /// The glyph modes `g` cycles through (only ASCII when the locale is not UTF-8).
    public var availableGlyphModes: [GlyphMode]
    public var colorMode: ColorMode
    /// How images are drawn: half blocks, or pixels with kitty placeholders or sixel (chosen
    /// at start from `--images` and the terminal's answer to the probe).
    public var pixelImages: PixelImages = .blocks
    /// The last note or error for the status line.
    public var message: StatusMessage?
    public var size: TerminalSize
    /// Chart scale and window, sample page, scrubbed epoch, focus, latent walk.
    public var options = ViewOptions()
    /// The question being asked, if any (the pairing prompt, the preset picker).
    public var prompt: Prompt?
    /// The presets keys `1`-`9` reach, in key order, for the picker and notes.
    public var presetChoices: [PresetChoice] = []
    /// The display request last sent to the session.
    public var sentDisplay = DisplayRequest()

    public init(
        runs: [TrainingSnapshot] = [], size: TerminalSize, themeNames: [String] = ["default"],
        glyphMode: GlyphMode = .braille, availableGlyphModes: [GlyphMode] = GlyphMode.allCases,
        colorMode: ColorMode = .colors256
    ) {
        self.runs = runs
        selectedRun = 0
        view = .dashboard
        helpShown = false
        frozen = false
        self.themeNames = themeNames.isEmpty ? ["default"] : themeNames
        themeIndex = 0
        self.glyphMode = glyphMode
        self.availableGlyphModes = availableGlyphModes.isEmpty ? [.ascii] : availableGlyphModes
        self.colorMode = colorMode
        message = nil
        self.size = size
    }

    /// The run the panels show, if any snapshot arrived yet.
    public var selected: TrainingSnapshot? {
        runs.indices.contains(selectedRun) ? runs[selectedRun] : runs.first
    }

    /// Takes newer snapshots from the session unless the display is frozen.
    /// - Returns: Whether the state changed.
    public mutating func receive(_ snapshots: [TrainingSnapshot]) -> Bool {
        guard !frozen, snapshots != runs else { return false }
        let previousNote = selected?.note
        runs = snapshots
        if let current = selected, let note = current.note, note != previousNote {
            if case .diverged = current.status {
                message = StatusMessage(note, isError: true)
            } else {
                message = StatusMessage(note, isError: current.noteIsError)
            }
        }
        selectedRun = min(selectedRun, max(0, runs.count - 1))
        return true
    }

    /// The run compared with the selected one: its pair partner, else the next kept run.
    /// - Returns: The run and whether it is a true pair (same start, lockstep).
    public var comparison: (run: TrainingSnapshot, paired: Bool)? {
        guard let current = selected, runs.count > 1 else { return nil }
        let index = runs.indices.contains(selectedRun) ? selectedRun : 0
        if let id = current.pairID,
            let partner = runs.indices.first(where: { $0 != index && runs[$0].pairID == id })
        {
            return (runs[partner], true)
        }
        return (runs[(index + 1) % runs.count], false)
    }

    /// What the visible view needs from the session.
    public var displayRequest: DisplayRequest {
        var request = DisplayRequest(
            filters: view == .filters, scatter: view == .codes, probeStart: options.probeStart,
            walk: view == .walk ? walkRequest : nil, anomaly: view == .anomaly)
        request.cursor = view == .codes ? options.cursor : nil
        request.roofline = helpShown
        return request
    }

    /// The walk request with as many steps as the screen shows.
    private var walkRequest: WalkRequest {
        var request = options.walk
        request.steps = LatentWalkPanel.fit(width: size.columns - 2).steps
        return request
    }

    /// A `setDisplay` command when the view's needs changed since the last one sent.
    public mutating func displayCommand() -> SessionCommand? {
        let request = displayRequest
        guard request != sentDisplay else { return nil }
        sentDisplay = request
        return .setDisplay(request)
    }

    /// Records a new terminal size and cell size in pixels (nil: not reported).
    /// - Returns: Whether either changed.
    public mutating func resize(to newSize: TerminalSize, cellPixels: CellPixels?) -> Bool {
        guard newSize != size || cellPixels != pixelImages.cellPixels else { return false }
        size = newSize
        pixelImages.cellPixels = cellPixels
        return true
    }
}
