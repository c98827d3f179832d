// ThemeLibraryTests: btop's colour forms, and broken theme files as warnings with file:line and
// the built-in default instead of a failed start.
import Foundation
import Testing

@testable import Workbench

@Suite("Theme library")
struct ThemeLibraryTests {
    let folder = NSTemporaryDirectory() + "aelab-themes-" + UUID().uuidString

    init() throws { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }

    func write(_ name: String, _ text: String, in directory: String? = nil) throws {
        let target = directory ?? folder
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try text.write(toFile: target + "/" + name, atomically: true, encoding: .utf8)
    }

    @Test(
        "btop's colour forms are read: #RRGGBB, #GG grey and \"R G B\" decimal",
        arguments: [
            ("#ff8000", ThemeColor.rgb(255, 128, 0)), ("#E0", .rgb(224, 224, 224)),
            ("255 255 255", .rgb(255, 255, 255)), ("12 34 56", .rgb(12, 34, 56)),
            ("0  128 255", .rgb(0, 128, 255)), ("", .terminalDefault), ("4", .palette(4)),
        ])
    func colourForms(text: String, expected: ThemeColor) throws {
        #expect(ThemeColor(parsing: text) == expected)
        let theme = try Theme.parse("theme[title]=\"\(text)\"", name: "t", file: "t.theme")
        #expect(theme.foreground(.title) == expected)
    }

    @Test(
        "decimal colours outside 0-255 or with other than three parts are refused",
        arguments: ["256 0 0", "1 2", "1 2 3 4", "-1 2 3", "1,2,3", "a b c"])
    func badDecimalColours(text: String) {
        #expect(ThemeColor(parsing: text) == nil)
    }

    @Test("a broken theme file is a warning with file:line and the built-in default colours")
    func brokenFileFallsBack() throws {
        try write("good.theme", "theme[title]=\"10 20 30\"\n")
        try write("mine.theme", "# my theme\ntheme[title]=\"#ffffff\"\ntheme[border]=\"300 0 0\"\n")
        let library = ThemeLibrary(folders: [folder])
        #expect(library.themes.map(\.name) == ["good", "mine"])
        #expect(library.themes[0].foreground(.title) == .rgb(10, 20, 30))
        let mine = library.themes[1]
        #expect(
            mine.foregrounds == Theme.builtInDefault.foregrounds && mine.background == Theme.builtInDefault.background)
        #expect(
            library.warnings == [
                "\(folder)/mine.theme:3: theme[border] has colour \"300 0 0\"; use #rrggbb, #gg (grey),"
                    + " \"r g b\" (decimal 0-255 each), 0-255 (palette), or \"\" for the terminal default;"
                    + " using the built-in default colours for theme 'mine'"
            ])
    }

    @Test("a theme in an earlier folder hides one of the same name in a later folder")
    func earlierFolderWins() throws {
        let user = folder + "/user"
        let shipped = folder + "/shipped"
        try write("default.theme", "theme[title]=\"#010203\"\n", in: user)
        try write("default.theme", "theme[title]=\"#ffffff\"\n", in: shipped)
        try write("light.theme", "theme[title]=\"#000000\"\n", in: shipped)
        let library = ThemeLibrary(folders: [user, shipped])
        #expect(library.themes.map(\.name) == ["default", "light"])
        #expect(library.themes[0].foreground(.title) == .rgb(1, 2, 3))
        #expect(library.warnings.isEmpty)
    }
}
