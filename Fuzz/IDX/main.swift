// Fuzz target: IDX images and labels files as raw bytes (IDXReader.parseImagesFile / parseLabelsFile).
//
// Oracle: no crash, hang or oversized allocation (the sanitizer and libFuzzer's limits catch
// those); every refusal has a message naming the file; an accepted file re-encodes to exactly
// the bytes that were read (IDXWriter is the reader's inverse).
import AutoencoderKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDX(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if Gzip.isGzip(bytes) { return 0 }  // the IDXGzip target covers compressed files
    do {
        let set = try IDXReader.parseImagesFile(bytes, path: "fuzz-images", name: "fuzz")
        require(IDXWriter.imageBytes(set) == bytes, "accepted images do not re-encode to the input")
    } catch {
        require("\(error)".hasPrefix("fuzz-images: "), "message does not name the file: \(error)")
    }
    do {
        let labels = try IDXReader.parseLabelsFile(bytes, path: "fuzz-labels")
        require(IDXWriter.labelBytes(labels) == bytes, "accepted labels do not re-encode to the input")
    } catch {
        require("\(error)".hasPrefix("fuzz-labels: "), "message does not name the file: \(error)")
    }
    return 0
}

/// Stops the run (libFuzzer saves the input) when a property of the parser does not hold.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
