// Fuzz target: NumPy .npy images and labels (NPYReader.parseImages / parseLabels, after the
// same gunzip step the file reader applies to .npy.gz).
//
// Oracle: no crash, hang or oversized allocation; every refusal names the file; accepted images
// hold count × rows × columns pixels within the size limits.
import AutoencoderKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNPY(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let raw = Array(UnsafeBufferPointer(start: data, count: size))
    let bytes: [UInt8]
    do {
        bytes = try NPYReader.decoded(raw, path: "fuzz.npy")
    } catch {
        require("\(error)".hasPrefix("fuzz.npy: "), "message does not name the file: \(error)")
        return 0
    }
    do {
        let set = try NPYReader.parseImages(bytes, path: "fuzz.npy", name: "fuzz")
        require(set.rows <= IDXReader.maximumSide && set.columns <= IDXReader.maximumSide, "image too large")
        require(set.count >= 1 && set.pixels.count == set.count * set.pixelsPerImage, "pixel count")
    } catch {
        require("\(error)".hasPrefix("fuzz.npy: "), "message does not name the file: \(error)")
    }
    do {
        let labels = try NPYReader.parseLabels(bytes, path: "fuzz.npy")
        require(!labels.isEmpty, "accepted an empty labels array")
    } catch {
        require("\(error)".hasPrefix("fuzz.npy: "), "message does not name the file: \(error)")
    }
    return 0
}

/// Stops the run (libFuzzer saves the input) when a property of the parser does not hold.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
