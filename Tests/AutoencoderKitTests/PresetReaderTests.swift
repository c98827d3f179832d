// Tests of PresetReader: schema checks with file:line messages and typed reads.

import Testing

@testable import AutoencoderKit
@testable import Formats

@Suite("Preset reader")
struct PresetReaderTests {
    static let schema = PresetSchema([
        PresetKey("name", .string, required: true),
        PresetKey("seed", .integer, range: .atLeast(0), default: .integer(1)),
        PresetKey("model.layers", .array(of: .integer), range: .atLeast(1), required: true),
        PresetKey("model.loss", .string, choices: ["bce", "mse"], default: .string("bce")),
        PresetKey("model.tied", .bool, default: .bool(false)),
        PresetKey("regularizer.sparsity.rho", .float, range: .open(0, 1)),
        PresetKey("regularizer.sparsity.beta", .float, range: .atLeast(0)),
        PresetKey("train.epochs", .integer, range: .closed(1, 1000), required: true),
        PresetKey("train.rate", .float, range: .greaterThan(0)),
    ])

    static func reader(_ text: String) throws -> PresetReader {
        PresetReader(document: try TOMLDocument.parse(text, file: "samples/sparse-kl.toml"), schema: schema)
    }

    @Test("a good preset validates and reads typed values with defaults")
    func goodPreset() throws {
        let r = try Self.reader(
            """
            name = "sparse"
            [model]
            layers = [784, 64]
            [regularizer.sparsity]
            rho = 0.05
            beta = 3
            [train]
            epochs = 20
            """)
        try r.validate()
        #expect(r.string("name") == "sparse")
        #expect(r.integer("seed") == 1)
        #expect(r.integers("model.layers") == [784, 64])
        #expect(r.string("model.loss") == "bce")
        #expect(r.bool("model.tied") == false)
        #expect(r.double("regularizer.sparsity.rho") == 0.05)
        #expect(r.double("regularizer.sparsity.beta") == 3)
        #expect(r.doubles("model.layers") == [784, 64])
        #expect(r.double("train.rate") == nil)
    }

    @Test("every defect is listed in line order with file and line")
    func defects() throws {
        let r = try Self.reader(
            """
            name = "x"
            seed = -1
            [model]
            layer = [784, 64]
            loss = "mae"
            tied = "yes"
            [regularizer.sparsity]
            rho = 1.5
            beta = -2
            [modle]
            x = 1
            [train]
            epochs = 2.5
            rate = 0
            sed = 3
            """)
        let messages = r.problems().map(\.description)
        #expect(
            messages == [
                "samples/sparse-kl.toml:2: key \"seed\": must be at least 0, got -1",
                "samples/sparse-kl.toml:4: unknown key \"layer\" in [model] (did you mean \"layers\"?)",
                "samples/sparse-kl.toml:5: key \"loss\" in [model]: must be one of \"bce\", \"mse\", got \"mae\"",
                "samples/sparse-kl.toml:6: key \"tied\" in [model]: expected a boolean (true or false), got a string \"yes\"",
                "samples/sparse-kl.toml:8: key \"rho\" in [regularizer.sparsity]: must be in (0, 1), got 1.5",
                "samples/sparse-kl.toml:9: key \"beta\" in [regularizer.sparsity]: must be at least 0, got -2",
                "samples/sparse-kl.toml:10: unknown table [modle] (did you mean [model]?)",
                "samples/sparse-kl.toml:13: key \"epochs\" in [train]: expected an integer, got a float 2.5",
                "samples/sparse-kl.toml:14: key \"rate\" in [train]: must be greater than 0, got 0",
                "samples/sparse-kl.toml:15: unknown key \"sed\" in [train]",
                "samples/sparse-kl.toml: missing key \"layers\" in [model]",
            ])
        let error = #expect(throws: PresetError.self) { try r.validate() }
        #expect(error?.problems.count == 11)
    }

    @Test("array elements are checked one by one")
    func arrays() throws {
        let r = try Self.reader("name = \"x\"\n[model]\nlayers = [784, 0]\n[train]\nepochs = 1")
        #expect(
            r.problems().map(\.description) == [
                "samples/sparse-kl.toml:3: key \"layers\" in [model]: element 2: must be at least 1, got 0"
            ])
    }

    @Test("edit distance counts insertions, deletions and substitutions")
    func editDistance() {
        #expect(PresetReader.editDistance("layer", "layers") == 1)
        #expect(PresetReader.editDistance("kitten", "sitting") == 3)
        #expect(PresetReader.editDistance("", "abc") == 3)
        #expect(PresetReader.suggestion(for: "epoch", among: ["epochs", "rate"]) == "epochs")
        #expect(PresetReader.suggestion(for: "zzz", among: ["epochs", "rate"]) == nil)
    }
}
