// Fuzz target: gzip-compressed IDX files (IDXReader's gunzip path: header prefix first, then the
// body capped at the length the header describes, so a gzip bomb cannot allocate more).
//
// Oracle: no crash, hang or oversized allocation; every refusal names the file; an accepted file
// equals what the raw reader makes of the decompressed bytes.
import AutoencoderKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDXGzip(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Keep the gzip magic so every input takes the compressed path.
    if !Gzip.isGzip(bytes) { bytes = [0x1f, 0x8b] + bytes }
    do {
        let set = try IDXReader.parseImagesFile(bytes, path: "fuzz-images.gz", name: "fuzz")
        let plain = try Gzip.decompress(bytes, path: "fuzz-images.gz")
        require(IDXWriter.imageBytes(set) == plain, "gzip and raw readings differ")
    } catch {
        require("\(error)".hasPrefix("fuzz-images.gz: "), "message does not name the file: \(error)")
    }
    do {
        let labels = try IDXReader.parseLabelsFile(bytes, path: "fuzz-labels.gz")
        let plain = try Gzip.decompress(bytes, path: "fuzz-labels.gz")
        require(IDXWriter.labelBytes(labels) == plain, "gzip and raw readings differ")
    } catch {
        require("\(error)".hasPrefix("fuzz-labels.gz: "), "message does not name the file: \(error)")
    }
    return 0
}

/// Stops the run (libFuzzer saves the input) when a property of the parser does not hold.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
