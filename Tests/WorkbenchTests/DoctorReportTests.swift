// DoctorReportTests: the doctor's lines as a function of the facts: each condition gives its
// line and its fix.
import Testing

@testable import Workbench

@Suite struct DoctorReportTests {
    private func facts(
        locale: String = "en_US.UTF-8", colors: Int? = 256, inTmux: Bool = false,
        passthrough: String? = nil, mosh: Bool = false, kitty: Bool = false
    ) -> DoctorFacts {
        var replies = TerminalImageReplies()
        replies.deviceAttributesSeen = true
        replies.kittyOK = kitty
        return DoctorFacts(
            locale: locale, term: "xterm-256color", colorTerm: nil, colors: colors, noColor: false,
            replies: replies, imageMode: .auto, inTmux: inTmux, tmuxPassthrough: passthrough,
            mosh: mosh, blasCore: "Haswell", blasThreads: 2)
    }

    @Test func aUTF8TerminalWithKittyGetsKittyImagesAndNoFixes() {
        let lines = DoctorReport.lines(facts(kitty: true))
        #expect(
            lines == [
                "glyphs    UTF-8 (en_US.UTF-8): half blocks, 24-step grey ramp, box drawing",
                "terminal  TERM=xterm-256color COLORTERM=unset",
                "colour    256 colours",
                "images    kitty: kitty graphics answered the query",
                "tmux      not inside tmux",
                "mosh      no",
                "blas      OpenBLAS core Haswell, 2 threads",
            ])
    }

    @Test func tmuxWithoutPassthroughNamesTheSettingToChange() {
        let lines = DoctorReport.lines(facts(inTmux: true, passthrough: "off", kitty: true))
        #expect(lines.contains("tmux      allow-passthrough off; fix: tmux set -g allow-passthrough on"))
        #expect(lines.contains { $0.hasPrefix("images    blocks: kitty answered, but tmux passthrough is off") })
        let on = DoctorReport.lines(facts(inTmux: true, passthrough: "on\n", kitty: true))
        #expect(on.contains("images    kitty: kitty graphics answered through tmux passthrough"))
    }

    @Test func kittyWithoutUTF8Or256ColoursSaysTheImagesStayCells() {
        let caveat = "; but drawn as half blocks or shades: kitty needs UTF-8 and 256 colours (fixes above)"
        #expect(
            DoctorReport.lines(facts(colors: 8, kitty: true))[3] == "images    kitty: kitty graphics answered the query"
                + caveat)
        #expect(DoctorReport.lines(facts(locale: "C", kitty: true))[3].hasSuffix(caveat))
        #expect(!DoctorReport.lines(facts(kitty: true))[3].hasSuffix(caveat))
    }

    @Test func moshEightColoursAndAnUnknownTermEachGiveAFix() {
        #expect(
            DoctorReport.lines(facts(mosh: true, kitty: true)).contains(
                "mosh      yes: mosh drops image escapes; fix: use ssh for pixel images"))
        #expect(DoctorReport.lines(facts(colors: 8))[2].contains("fix: TERM=xterm-256color"))
        #expect(DoctorReport.lines(facts(colors: nil))[2].contains("fix: apt install ncurses-term"))
        #expect(
            DoctorReport.lines(facts(locale: ""))[0]
                == "glyphs    ASCII ramp (no locale set is not UTF-8); fix: export LANG=C.UTF-8")
    }

    @Test func theKernelRowSaysWhyAndTheFixWhenGiven() {
        var f = facts()
        f.blasKernelWhy = "OpenBLAS Haswell (OPENBLAS_CORETYPE=Haswell in the environment; unset OPENBLAS_CORETYPE)"
        let lines = DoctorReport.lines(f)
        #expect(
            lines.last
                == "kernel    OpenBLAS Haswell (OPENBLAS_CORETYPE=Haswell in the environment; unset OPENBLAS_CORETYPE)")
        #expect(!DoctorReport.lines(facts()).contains { $0.hasPrefix("kernel") })
    }
}
