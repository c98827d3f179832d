// Fuzz target: preset TOML text (TOMLDocument.parse), any bytes decoded as UTF-8 with repair.
//
// Oracle: no crash, hang or oversized allocation; a refusal names the file with a line and
// column inside the text; every accepted entry has a line inside the text and a finite number;
// the same text with CRLF line ends reads the same.
import AutoencoderKit
import Formats

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTOML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lineCount = text.unicodeScalars.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    do {
        let document = try TOMLDocument.parse(text, file: "fuzz.toml")
        for entry in document.entries {
            require(entry.line >= 1 && entry.line <= lineCount && entry.column >= 1, "entry outside the text")
            require(finite(entry.value), "a non-finite number was accepted: \(entry.value)")
            _ = entry.value.summary
        }
        // The same file saved with CRLF line ends reads the same.
        if !text.unicodeScalars.contains("\r") {
            let crlf = String(
                String.UnicodeScalarView(text.unicodeScalars.flatMap { $0 == "\n" ? ["\r", "\n"] : [$0] }))
            let again = try? TOMLDocument.parse(crlf, file: "fuzz.toml")
            require(again == document, "the file with CRLF line ends reads differently")
        }
    } catch {
        require(error.file == "fuzz.toml" && error.line >= 1 && error.line <= lineCount, "bad position: \(error)")
        require(error.column >= 1 && !error.problem.isEmpty, "bad message: \(error)")
    }
    return 0
}

/// Whether every number in `value` is finite.
func finite(_ value: TOMLValue) -> Bool {
    switch value {
    case .float(let d): return d.isFinite
    case .array(let items): return items.allSatisfy(finite)
    default: return true
    }
}

/// Stops the run (libFuzzer saves the input) when a property of the parser does not hold.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
