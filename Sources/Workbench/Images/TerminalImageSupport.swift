// TerminalImageSupport: what the terminal answered to the start-up probe (kitty graphics
// query, then primary device attributes) and the choice of image protocol that follows from it,
// the `--images` flag and tmux. Pure: bytes and facts in, a choice and its reason out.
//
// The probe writes KittyGraphicsEncoder.query then `ESC [ c`. Every terminal answers DA1
// (`ESC [ ? 62 ; 4 ; ... c`, parameter 4 = sixel), and terminals that speak the kitty protocol
// answer the query first (`ESC _ G i=31 ; OK ESC \`). So once the DA1 reply is in, a missing kitty
// reply means no kitty; no DA1 reply within the timeout means the terminal did not answer.
// Inside tmux the query travels wrapped for passthrough to the terminal outside, while tmux
// answers DA1 itself at once: there only the kitty reply (or the timeout) ends the wait.

public enum ImageProtocol: String, Sendable, CaseIterable {
    case kitty, sixel, blocks
}

/// The `--images` flag: auto-detect or force one protocol.
public enum ImageMode: String, Sendable, CaseIterable {
    case auto, kitty, sixel, blocks
}

public struct TerminalImageReplies: Equatable, Sendable {
    /// The terminal answered the kitty graphics query with OK.
    public var kittyOK = false
    /// The kitty reply carried an error (e.g. `ENOTSUPPORTED`), kept for `aelab doctor`.
    public var kittyError: String?
    /// The DA1 reply arrived.
    public var deviceAttributesSeen = false
    /// DA1 listed parameter 4 (sixel graphics).
    public var sixel = false

    public init() {}

    /// Parses whatever the terminal sent back (other bytes, such as typed keys, are skipped).
    public init(parsing reply: [UInt8]) {
        let esc: UInt8 = 0x1B
        var i = 0
        while i < reply.count {
            guard reply[i] == esc, i + 2 < reply.count else {
                i += 1
                continue
            }
            if reply[i + 1] == UInt8(ascii: "_"), reply[i + 2] == UInt8(ascii: "G") {
                var j = i + 3
                while j + 1 < reply.count && !(reply[j] == esc && reply[j + 1] == UInt8(ascii: "\\")) { j += 1 }
                let body = String(decoding: reply[(i + 3)..<min(j, reply.count)], as: UTF8.self)
                let parts = body.split(separator: ";", maxSplits: 1).map(String.init)
                if parts.first?.split(separator: ",").contains("i=31") == true {
                    let message = parts.count > 1 ? parts[1] : ""
                    if message == "OK" { kittyOK = true } else { kittyError = message }
                }
                i = j + 2
            } else if reply[i + 1] == UInt8(ascii: "["), reply[i + 2] == UInt8(ascii: "?") {
                var j = i + 3
                while j < reply.count && (reply[j] == UInt8(ascii: ";") || (0x30...0x39).contains(reply[j])) { j += 1 }
                if j < reply.count && reply[j] == UInt8(ascii: "c") {
                    deviceAttributesSeen = true
                    let params = String(decoding: reply[(i + 3)..<j], as: UTF8.self).split(separator: ";")
                    sixel = params.contains("4")
                }
                i = j + 1
            } else {
                i += 1
            }
        }
    }

    /// The bytes the probe writes: the kitty graphics query, then DA1. Inside tmux the query is
    /// wrapped for passthrough: tmux reads a bare APC as a pane title (the status line would show
    /// "Gi=31,s=1,..."), drops a wrapped one when `allow-passthrough` is off, and hands it to the
    /// terminal outside when it is on. DA1 is answered by tmux itself.
    public static func probe(inTmux: Bool) -> String {
        let query = KittyGraphicsEncoder.query
        return (inTmux ? KittyGraphicsEncoder.tmuxPassthrough(query) : query) + "\u{1B}[c"
    }

    /// Whether the probe may stop reading: once the DA1 answer is in, or, when the query went
    /// through tmux's passthrough (`throughTmux`), once the outside terminal answered it.
    public func isComplete(throughTmux: Bool) -> Bool {
        throughTmux ? kittyOK || kittyError != nil : deviceAttributesSeen
    }
}

/// The protocol aelab will use, and a sentence saying why (shown by `aelab doctor`).
public struct ImageProtocolChoice: Equatable, Sendable {
    public var chosen: ImageProtocol
    public var reason: String

    /// - Parameters:
    ///   - mode: the `--images` flag.
    ///   - replies: what the probe read (nil when no probe ran, e.g. not a terminal).
    ///   - inTmux: `$TMUX` is set.
    ///   - tmuxPassthrough: `tmux show -gv allow-passthrough` said on/all (nil: unknown).
    ///   - mosh: the session runs through mosh, which drops image escapes.
    public init(
        mode: ImageMode, replies: TerminalImageReplies?, inTmux: Bool,
        tmuxPassthrough: Bool?, mosh: Bool
    ) {
        switch mode {
        case .blocks: self.init(.blocks, "--images blocks")
        case .kitty: self.init(.kitty, "--images kitty (forced, not detected)")
        case .sixel:
            // tmux would scroll and smear a sixel: ImageFrameWriter never sends one through it
            if inTmux {
                self.init(.blocks, "--images sixel, but sixel is not sent through tmux")
            } else {
                self.init(.sixel, "--images sixel (forced, not detected)")
            }
        case .auto:
            if mosh {
                self.init(.blocks, "mosh drops image escapes; connect with ssh for pixel images")
            } else if let r = replies, r.kittyOK {
                if inTmux && tmuxPassthrough != true {
                    self.init(.blocks, "kitty answered, but tmux passthrough is off (see the tmux line)")
                } else {
                    self.init(
                        .kitty,
                        inTmux
                            ? "kitty graphics answered through tmux passthrough" : "kitty graphics answered the query")
                }
            } else if let r = replies, r.sixel {
                if inTmux {
                    self.init(.blocks, "sixel reported, but not sent through tmux")
                } else {
                    self.init(.sixel, "the terminal reports sixel (device attribute 4)")
                }
            } else if let r = replies, r.deviceAttributesSeen {
                self.init(.blocks, "the terminal offers neither kitty graphics nor sixel")
            } else {
                self.init(.blocks, "the terminal did not answer the graphics query")
            }
        }
    }

    init(_ chosen: ImageProtocol, _ reason: String) {
        self.chosen = chosen
        self.reason = reason
    }
}
