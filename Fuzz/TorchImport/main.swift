// Fuzz target: PyTorch state dicts for `aelab import` (TorchStateDict.read(bytes:source:defaults:)).
//
// Oracle: no crash, hang or oversized allocation; every refusal names the file; an accepted
// file round-trips: exporting the model it describes and reading that back gives the same
// architecture and the same engine tensors, bit for bit.
import AutoencoderKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTorchImport(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let model: TorchModel
    do {
        model = try TorchStateDict.read(
            bytes: bytes, source: "fuzz.safetensors", defaults: Architecture(encoderSizes: [1]))
    } catch {
        require(error.description.hasPrefix("fuzz.safetensors"), "message does not name the file: \(error)")
        return 0
    }
    let layout = ParameterLayout(architecture: model.architecture)
    for tensor in layout.tensors {
        require(model.engineTensors[tensor.name]?.count == tensor.count, "accepted model lacks \(tensor.name)")
    }
    guard
        let file = TorchStateDict.export(
            architecture: model.architecture, config: model.config, engineTensor: { model.engineTensors[$0] })
    else {
        fatalError("an accepted model could not be exported")
    }
    do {
        let again = try TorchStateDict.read(
            bytes: file.encoded(), source: "again", defaults: Architecture(encoderSizes: [1]))
        require(again.architecture == model.architecture, "architecture changed in a round trip")
        require(again.engineTensors.count == model.engineTensors.count, "tensor count changed in a round trip")
        for (name, values) in model.engineTensors {
            require(
                again.engineTensors[name]?.map(\.bitPattern) == values.map(\.bitPattern), "values of \(name) changed")
        }
    } catch {
        fatalError("an exported model was refused on import: \(error)")
    }
    return 0
}

/// Stops the run (libFuzzer saves the input) when a property of the reader does not hold.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
