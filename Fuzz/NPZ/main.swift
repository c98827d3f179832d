// Fuzz target: NumPy .npz archives (NPZReader.parse and parseLabels: the zip directory, stored
// and deflated members, then NPYReader for each array).
//
// Oracle: no crash, hang or oversized allocation (a member's declared size is checked against
// deflate's ratio before anything is allocated); every refusal names the file; accepted images
// hold count × rows × columns pixels and labels match the images.
import AutoencoderKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNPZ(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let contents = try NPZReader.parse(bytes, path: "fuzz.npz", key: nil, name: "fuzz")
        for set in [contents.train] + (contents.test.map { [$0] } ?? []) {
            require(set.count >= 1 && set.pixels.count == set.count * set.pixelsPerImage, "pixel count")
            require(set.labels == nil || set.labels?.count == set.count, "label count")
        }
    } catch {
        require("\(error)".hasPrefix("fuzz.npz"), "message does not name the file: \(error)")
    }
    do {
        let labels = try NPZReader.parseLabels(bytes, path: "fuzz.npz", key: nil)
        require(!labels.isEmpty, "accepted an empty labels array")
    } catch {
        require("\(error)".hasPrefix("fuzz.npz"), "message does not name the file: \(error)")
    }
    return 0
}

/// Stops the run (libFuzzer saves the input) when a property of the parser does not hold.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
