// Fuzz target: a preset checked against a schema (TOMLDocument.parse, then PresetReader's
// problems() and typed reads), with a schema shaped like the real one: strings with choices,
// bounded integers and floats, booleans, arrays of integers, nested tables, required keys.
//
// Oracle: no crash, hang or oversized allocation; every problem names the file; a preset with no
// problems yields every required key and values inside their ranges.
import AutoencoderKit
import Formats

let schema = PresetSchema([
    PresetKey("name", .string, required: true),
    PresetKey("seed", .integer, range: .atLeast(0), default: .integer(1)),
    PresetKey("model.layers", .array(of: .integer), range: .atLeast(1), required: true),
    PresetKey("model.activation", .string, choices: ["sigmoid", "relu", "tanh", "linear"]),
    PresetKey("model.loss", .string, choices: ["bce", "mse"], default: .string("bce")),
    PresetKey("model.tied", .bool, default: .bool(false)),
    PresetKey("regularizer.sparsity.rho", .float, range: .open(0, 1)),
    PresetKey("regularizer.sparsity.beta", .float, range: .atLeast(0)),
    PresetKey("regularizer.noise.levels", .array(of: .float), range: .closed(0, 1)),
    PresetKey("train.epochs", .integer, range: .closed(1, 1000), required: true),
    PresetKey("train.batch", .integer, range: .closed(1, 4096), default: .integer(64)),
    PresetKey("train.rate", .float, range: .greaterThan(0)),
    PresetKey("train.optimizer", .string, choices: ["sgd", "nesterov", "adam", "adamw"]),
])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPreset(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let document = try? TOMLDocument.parse(text, file: "fuzz.toml") else { return 0 }
    let reader = PresetReader(document: document, schema: schema)
    let problems = reader.problems()
    for problem in problems {
        require(problem.file == "fuzz.toml" && !problem.message.isEmpty, "bad problem: \(problem)")
        require(problem.description.hasPrefix("fuzz.toml"), "message does not name the file")
    }
    if problems.isEmpty {
        require(reader.string("name") != nil, "valid preset without a name")
        require(reader.integers("model.layers")?.allSatisfy { $0 >= 1 } == true, "bad layers")
        require(reader.integer("train.epochs").map { (1...1000).contains($0) } == true, "bad epochs")
        require(reader.integer("train.batch").map { (1...4096).contains($0) } == true, "bad batch")
        if let rho = reader.double("regularizer.sparsity.rho") { require(rho > 0 && rho < 1, "bad rho") }
        if let rate = reader.double("train.rate") { require(rate > 0 && rate.isFinite, "bad rate") }
        _ = reader.doubles("regularizer.noise.levels")
        _ = reader.bool("model.tied")
    } else {
        do {
            try reader.validate()
            fatalError("validate() passed although problems() found some")
        } catch {
            require(error.problems == problems, "validate() and problems() disagree")
        }
    }
    return 0
}

/// Stops the run (libFuzzer saves the input) when a property of the parser does not hold.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
