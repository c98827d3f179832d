// Fuzz target: safetensors checkpoints (SafetensorsFile(bytes:source:)).
//
// Oracle: no crash, hang or oversized allocation; every refusal names the file; an accepted file
// round-trips: re-encoding it and reading that back gives the same tensors and metadata.
import AutoencoderKit
import Formats

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafetensors(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let file: SafetensorsFile
    do {
        file = try SafetensorsFile(bytes: bytes, source: "fuzz.safetensors")
    } catch {
        require(error.description.hasPrefix("fuzz.safetensors"), "message does not name the file: \(error)")
        return 0
    }
    // encoded() refuses these by precondition; the reader cannot produce them from valid JSON.
    let names = file.tensors.map(\.name)
    require(Set(names).count == names.count && !names.contains("__metadata__"), "bad tensor names \(names)")
    do {
        let again = try SafetensorsFile(bytes: file.encoded(), source: "again")
        require(again.metadata == file.metadata, "metadata changed in a round trip")
        require(again.tensors.count == file.tensors.count, "tensor count changed in a round trip")
        for (a, b) in zip(again.tensors, file.tensors.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) {
            require(a.name == b.name && a.shape == b.shape, "tensor \(b.name) changed in a round trip")
            require(a.values.map(\.bitPattern) == b.values.map(\.bitPattern), "values of \(b.name) changed")
        }
    } catch {
        fatalError("a file this reader accepted was re-encoded unreadably: \(error)")
    }
    return 0
}

/// Stops the run (libFuzzer saves the input) when a property of the parser does not hold.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
