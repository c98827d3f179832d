// ModeDetectionTests: glyph mode from the locale and --ascii; colour mode from the terminal.
import Testing

@testable import Workbench

@Suite struct ModeDetectionTests {
    @Test func aUTF8LocaleGetsBraille() {
        #expect(GlyphMode.detect(environment: ["LANG": "en_US.UTF-8"], forceASCII: false) == .braille)
        #expect(GlyphMode.detect(environment: ["LC_ALL": "C.utf8", "LANG": "C"], forceASCII: false) == .braille)
    }

    @Test func theCLocaleOrAsciiFlagGetsAscii() {
        #expect(GlyphMode.detect(environment: [:], forceASCII: false) == .ascii)
        #expect(GlyphMode.detect(environment: ["LC_ALL": "C", "LANG": "en_US.UTF-8"], forceASCII: false) == .ascii)
        #expect(GlyphMode.detect(environment: ["LANG": "en_US.UTF-8"], forceASCII: true) == .ascii)
    }

    @Test func colourDepthFollowsTheTerminalUnlessDisabled() {
        let term = ["TERM": "xterm-256color"]
        #expect(ColorMode.detect(environment: term, terminalColors: 256) == .colors256)
        #expect(ColorMode.detect(environment: term, terminalColors: 8) == .colors8)
        #expect(ColorMode.detect(environment: term, terminalColors: 0) == .none)
        #expect(ColorMode.detect(environment: ["TERM": "xterm", "NO_COLOR": "1"], terminalColors: 256) == .none)
        #expect(ColorMode.detect(environment: ["TERM": "xterm", "NO_COLOR": ""], terminalColors: 256) == .colors256)
        #expect(ColorMode.detect(environment: ["TERM": "dumb"], terminalColors: 256) == .none)
    }
}
