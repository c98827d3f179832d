// DisplayOptions: the flags of every command that opens the curses workbench.
import ArgumentParser

struct DisplayOptions: ParsableArguments {
    @Option(help: "Frames per second at most (1-60).")
    var fps: Int = 10
    @Flag(help: "ASCII glyphs only (also automatic when the locale is not UTF-8).")
    var ascii = false
    @Option(help: "Theme name from themes/ (t cycles at run time).")
    var theme: String?

    func validate() throws {
        guard (1...60).contains(fps) else { throw ValidationError("--fps must be between 1 and 60, got \(fps)") }
    }
}
