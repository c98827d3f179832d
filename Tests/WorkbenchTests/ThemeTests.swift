// ThemeTests: the .theme parser, the shipped themes, and colour index mapping.
import Foundation
import Testing

@testable import Workbench

@Suite struct ThemeTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes")

    @Test func aValidFileSetsEachColourForm() throws {
        let text = """
            # comment
            theme[main_bg]=""
            theme[loss_val]="#ff8000"
              theme[title] = "#e0"
            theme[border]="4"
            """
        let theme = try Theme.parse(text, name: "t", file: "t.theme")
        #expect(theme.background == .terminalDefault)
        #expect(theme.foreground(.lossValidation) == .rgb(0xff, 0x80, 0x00))
        #expect(theme.foreground(.title) == .rgb(0xe0, 0xe0, 0xe0))
        #expect(theme.foreground(.border) == .palette(4))
    }

    @Test func unknownKeysAreIgnored() throws {
        let theme = try Theme.parse(
            "theme[cpu_box]=\"#123456\"\ntheme[not_a_colour_key]=\"nonsense\"", name: "t", file: "t.theme")
        #expect(theme.foregrounds == Theme.builtInDefault.foregrounds)
    }

    @Test func missingKeysComeFromTheBuiltInDefault() throws {
        let theme = try Theme.parse("theme[error]=\"#00ff00\"", name: "t", file: "t.theme")
        #expect(theme.foreground(.error) == .rgb(0, 255, 0))
        #expect(theme.foreground(.lossTrain) == Theme.builtInDefault.foreground(.lossTrain))
        #expect(theme.selectionBackground == Theme.builtInDefault.selectionBackground)
    }

    @Test(arguments: ["theme[title \"#fff\"", "title=\"#ffffff\"", "theme[title]=\"#ffffff", "theme[]=\"#fff\""])
    func aMalformedLineNamesFileAndLine(line: String) {
        #expect(throws: ThemeError.malformedLine(file: "my.theme", line: 3, text: line)) {
            try Theme.parse("# ok\ntheme[title]=\"#ffffff\"\n\(line)\n", name: "my", file: "my.theme")
        }
        let message = ThemeError.malformedLine(file: "my.theme", line: 3, text: line).description
        #expect(message.hasPrefix("my.theme:3:"))
    }

    /// Found by the Theme fuzz target (Fuzz/Theme): "\r\n" is one Character, so a CRLF file was
    /// read as one long line and its colours were lost or refused.
    @Test func aFileWithCRLFLineEndsReadsLikeTheSameFileWithLF() throws {
        let text = "# comment\ntheme[title]=\"#ffcc00\"\ntheme[border]=#40\ntheme[loss_val]=\"214\"\n"
        let lf = try Theme.parse(text, name: "t", file: "t.theme")
        let crlf = try Theme.parse(text.replacingOccurrences(of: "\n", with: "\r\n"), name: "t", file: "t.theme")
        #expect(crlf == lf)
        #expect(crlf.foreground(.title) == .rgb(0xff, 0xcc, 0x00))
        #expect(throws: ThemeError.badColor(file: "t.theme", line: 2, key: "title", value: "#ggg")) {
            try Theme.parse("# ok\r\ntheme[title]=\"#ggg\"\r\n", name: "t", file: "t.theme")
        }
    }

    @Test func aBadColourNamesKeyFileAndLine() {
        #expect(throws: ThemeError.badColor(file: "x.theme", line: 2, key: "title", value: "#ggg")) {
            try Theme.parse("\ntheme[title]=\"#ggg\"", name: "x", file: "x.theme")
        }
    }

    @Test func everyShippedThemeLoadsAndSetsEveryKey() throws {
        let library = ThemeLibrary(folders: [Self.themesDirectory.path])
        #expect(library.warnings.isEmpty)
        let themes = library.themes
        #expect(themes.map(\.name) == ["default", "gruvbox", "light", "mono", "tty"])
        for name in themes.map(\.name) {
            let text = try String(
                contentsOf: Self.themesDirectory.appendingPathComponent(name + ".theme"), encoding: .utf8)
            for key in StyleRole.allCases.map(\.themeKey) + ["main_bg", "selected_bg"] {
                #expect(text.contains("theme[\(key)]="), "\(name).theme lacks \(key)")
            }
        }
    }

    @Test func theDefaultFileMatchesTheBuiltInTheme() throws {
        let theme = try Theme.load(contentsOf: Self.themesDirectory.appendingPathComponent("default.theme"))
        #expect(theme == Theme.builtInDefault)
    }

    @Test func coloursMapToTheXtermCubeAndGreyRamp() {
        #expect(ThemeColor.rgb(255, 0, 0).index256 == 196)
        #expect(ThemeColor.rgb(0, 0, 0).index256 == 16)
        #expect(ThemeColor.rgb(0xe0, 0xe0, 0xe0).index256 == 254)
        #expect(ThemeColor.rgb(0x5f, 0xaf, 0xff).index256 == 75)
        #expect(ThemeColor.palette(9).index256 == 9)
        #expect(ThemeColor.terminalDefault.index256 == nil)
    }

    @Test func coloursMapToEightBasicColours() {
        #expect(ThemeColor.rgb(0xff, 0x50, 0x50).index8 == 1)
        #expect(ThemeColor.rgb(0x5f, 0xaf, 0xff).index8 == 6)
        #expect(ThemeColor.rgb(0x30, 0x30, 0x30).index8 == 0)
        #expect(ThemeColor.rgb(0xcc, 0xcc, 0xcc).index8 == 7)
        #expect(ThemeColor.palette(11).index8 == 3)
    }

    @Test func theHeatGradientRunsFromStartToEnd() {
        let theme = Theme.builtInDefault
        #expect(theme.heatColor(0) == theme.foreground(.heatLow))
        #expect(theme.heatColor(CellColor.heatSteps - 1) == theme.foreground(.heatHigh))
    }
}
