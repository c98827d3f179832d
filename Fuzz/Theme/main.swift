// Fuzz target: workbench theme files (Theme.parse), any bytes decoded as UTF-8 with repair.
//
// Oracle: no crash, hang or oversized allocation; a refusal names the file and a line inside the
// text; an accepted theme has a colour for every role, and each maps to 256 and 8 colours;
// the same text with CRLF line ends reads the same.
import Foundation
import Workbench

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTheme(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let theme = try Theme.parse(text, name: "fuzz", file: "fuzz.theme")
        for role in StyleRole.allCases {
            let color = theme.foreground(role)
            if let index = color.index256 { require((0...255).contains(index), "256-colour index \(index)") }
            if let index = color.index8 { require((0...7).contains(index), "8-colour index \(index)") }
        }
        for level in [-1, 0, 5, 1000] { _ = theme.heatColor(level).index256 }
        // The same file saved with CRLF line ends reads the same.
        if !text.unicodeScalars.contains("\r") {
            let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
            let again = try? Theme.parse(crlf, name: "fuzz", file: "fuzz.theme")
            require(again == theme, "the file with CRLF line ends reads differently")
        }
    } catch {
        require("\(error)".hasPrefix("fuzz.theme:"), "message does not name the file: \(error)")
    }
    return 0
}

/// Stops the run (libFuzzer saves the input) when a property of the parser does not hold.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
