// DoctorReport: what `aelab doctor` prints, as a pure function of the facts it gathered
// (environment, terminfo, the terminal's answer to the graphics probe, tmux, mosh, BLAS).
// One line per subject: what the user gets, why, and the fix where there is one.

import Foundation

public struct DoctorFacts: Sendable {
    public var locale: String  // LC_ALL, else LC_CTYPE, else LANG ("" when none)
    public var term: String?
    public var colorTerm: String?
    public var colors: Int?  // tput colors (nil: terminfo has no entry)
    public var noColor: Bool
    public var replies: TerminalImageReplies?  // nil: no terminal to ask
    public var imageMode: ImageMode
    public var inTmux: Bool
    public var tmuxPassthrough: String?  // `tmux show -gv allow-passthrough`
    public var mosh: Bool
    public var blasCore: String
    public var blasThreads: Int
    /// Which kernel runs and why, with the fix when a faster one is kept off (the executable's
    /// BLASCoreSelection.kernelExplanation); nil: only the core and threads are shown.
    public var blasKernelWhy: String?

    public init(
        locale: String, term: String?, colorTerm: String?, colors: Int?, noColor: Bool,
        replies: TerminalImageReplies?, imageMode: ImageMode, inTmux: Bool,
        tmuxPassthrough: String?, mosh: Bool, blasCore: String, blasThreads: Int,
        blasKernelWhy: String? = nil
    ) {
        self.locale = locale
        self.term = term
        self.colorTerm = colorTerm
        self.colors = colors
        self.noColor = noColor
        self.replies = replies
        self.imageMode = imageMode
        self.inTmux = inTmux
        self.tmuxPassthrough = tmuxPassthrough
        self.mosh = mosh
        self.blasCore = blasCore
        self.blasThreads = blasThreads
        self.blasKernelWhy = blasKernelWhy
    }
}

public enum DoctorReport {
    /// True when the locale names UTF-8 (glyphs: half blocks, box drawing).
    public static func isUTF8(_ locale: String) -> Bool {
        let l = locale.lowercased()
        return l.contains("utf-8") || l.contains("utf8")
    }

    public static func passthroughOn(_ setting: String?) -> Bool? {
        guard let s = setting?.trimmingCharacters(in: .whitespacesAndNewlines), !s.isEmpty else { return nil }
        return s == "on" || s == "all"
    }

    /// The image protocol aelab would use with these facts.
    public static func imageChoice(_ f: DoctorFacts) -> ImageProtocolChoice {
        ImageProtocolChoice(
            mode: f.imageMode, replies: f.replies, inTmux: f.inTmux,
            tmuxPassthrough: passthroughOn(f.tmuxPassthrough), mosh: f.mosh)
    }

    /// The lines of the report, label padded to one column.
    public static func lines(_ f: DoctorFacts) -> [String] {
        var rows: [(String, String)] = []
        if isUTF8(f.locale) {
            rows.append(("glyphs", "UTF-8 (\(f.locale)): half blocks, 24-step grey ramp, box drawing"))
        } else {
            let name = f.locale.isEmpty ? "no locale set" : f.locale
            rows.append(("glyphs", "ASCII ramp (\(name) is not UTF-8); fix: export LANG=C.UTF-8"))
        }
        let term = f.term ?? "unset"
        rows.append(("terminal", "TERM=\(term) COLORTERM=\(f.colorTerm ?? "unset")"))
        if f.noColor {
            rows.append(("colour", "none: NO_COLOR is set; fix: unset NO_COLOR"))
        } else if let c = f.colors {
            let truecolor = f.colorTerm == "truecolor" || f.colorTerm == "24bit"
            if c >= 256 || truecolor {
                rows.append(("colour", "\(c) colours\(truecolor ? " (24-bit)" : "")"))
            } else {
                rows.append(("colour", "\(c) colours; fix: TERM=xterm-256color (tmux-256color in tmux)"))
            }
        } else {
            rows.append(("colour", "unknown: no terminfo for TERM=\(term); fix: apt install ncurses-term"))
        }
        let choice = imageChoice(f)
        var images = "\(choice.chosen.rawValue): \(choice.reason)"
        // the placeholder is a Unicode character and the image id its 256-colour foreground
        if choice.chosen == .kitty, !(isUTF8(f.locale) && !f.noColor && (f.colors ?? 0) >= 256) {
            images += "; but drawn as half blocks or shades: kitty needs UTF-8 and 256 colours (fixes above)"
        }
        rows.append(("images", images))
        if f.inTmux {
            switch passthroughOn(f.tmuxPassthrough) {
            case true?:
                rows.append(("tmux", "allow-passthrough \(f.tmuxPassthrough ?? "on"): kitty images pass through"))
            case false?: rows.append(("tmux", "allow-passthrough off; fix: tmux set -g allow-passthrough on"))
            case nil: rows.append(("tmux", "allow-passthrough unknown; fix: tmux 3.3 or later"))
            }
        } else {
            rows.append(("tmux", "not inside tmux"))
        }
        rows.append(("mosh", f.mosh ? "yes: mosh drops image escapes; fix: use ssh for pixel images" : "no"))
        rows.append(
            (
                "blas",
                "OpenBLAS core \(f.blasCore), \(f.blasThreads) thread\(f.blasThreads == 1 ? "" : "s")"
                    + (f.blasCore.lowercased() == "prescott"
                        ? "; generic kernels: set OPENBLAS_CORETYPE=Haswell if the CPU has AVX2" : "")
            ))
        if let why = f.blasKernelWhy { rows.append(("kernel", why)) }
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.1 }
    }
}
