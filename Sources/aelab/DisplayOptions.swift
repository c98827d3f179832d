// DisplayOptions: the flags of every command that opens the curses workbench.
import ArgumentParser
import Workbench

struct DisplayOptions: ParsableArguments {
    @Option(help: "Frames per second at most (1-60).")
    var fps: Int = 10
    @Flag(help: "ASCII glyphs only (also automatic when the locale is not UTF-8).")
    var ascii = false
    @Option(help: "Theme name from themes/ (t cycles at run time).")
    var theme: String?
    @Option(help: "Images: auto (kitty or sixel when the terminal answers, else half blocks), kitty, sixel or blocks.")
    var images: String = "auto"

    func validate() throws {
        guard (1...60).contains(fps) else { throw ValidationError("--fps must be between 1 and 60, got \(fps)") }
        guard ImageMode(rawValue: images) != nil else {
            throw ValidationError("--images must be auto, kitty, sixel or blocks, got \(images)")
        }
    }
}
