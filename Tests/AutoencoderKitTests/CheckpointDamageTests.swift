// Damaged and foreign checkpoints are refused with an error naming the file and the defect.
import Foundation
import TestSupport
import Testing

@testable import AutoencoderKit
@testable import Formats

@Suite("Checkpoint refuses damaged and foreign files")
struct CheckpointDamageTests {
    /// A valid checkpoint of a small trained model.
    static func good() throws -> SafetensorsFile {
        let trainer = try Trainer(config: CheckpointTests.config(), dataset: CheckpointTests.data)
        for _ in 0..<2 { try trainer.trainBatch() }
        return Checkpoint.file(of: trainer)
    }

    /// Writes `bytes`, loads them, and returns the error (nil when loading succeeded).
    static func loadError(_ bytes: [UInt8]) throws -> CheckpointError? {
        let folder = try ScratchFolder("ckdmg")
        defer { folder.remove() }
        let path = folder.file("bad.safetensors")
        try AtomicFile.write(bytes, to: path)
        do {
            _ = try Checkpoint.load(path: path, dataset: CheckpointTests.data)
            return nil
        } catch {
            #expect(error.description.hasPrefix(path), "message does not name the file: \(error)")
            return error
        }
    }

    static func loadError(_ edit: (inout SafetensorsFile) -> Void) throws -> CheckpointError? {
        var file = try good()
        edit(&file)
        return try loadError(file.encoded())
    }

    @Test("the unmodified file loads")
    func control() throws {
        #expect(try Self.loadError(try Self.good().encoded()) == nil)
    }

    @Test("a truncated file")
    func truncated() throws {
        let bytes = try Self.good().encoded()
        guard case .file(let inner)? = try Self.loadError(Array(bytes.dropLast(100))) else {
            Issue.record("expected a file error")
            return
        }
        if case .offsetsOutOfRange = inner {} else { Issue.record("unexpected: \(inner)") }
        guard case .file(.tooShort)? = try Self.loadError(Array(bytes.prefix(5))) else {
            Issue.record("expected tooShort")
            return
        }
    }

    @Test("a header length past the end of the file")
    func badHeaderLength() throws {
        var bytes = try Self.good().encoded()
        bytes[3] = 0x01  // 16 MB: under the limit, past the end
        guard case .file(.headerLengthPastEnd)? = try Self.loadError(bytes) else {
            Issue.record("expected headerLengthPastEnd")
            return
        }
    }

    @Test("a header that is not JSON")
    func headerNotJSON() throws {
        var bytes = try Self.good().encoded()
        bytes[8] = UInt8(ascii: "x")
        guard case .file(.headerNotJSON)? = try Self.loadError(bytes) else {
            Issue.record("expected headerNotJSON")
            return
        }
    }

    @Test("a dtype other than F32")
    func dtype() throws {
        var bytes = try Self.good().encoded()
        let f32 = Array("\"F32\"".utf8)
        let at = try #require((8..<(bytes.count - 5)).first { Array(bytes[$0..<($0 + 5)]) == f32 })
        bytes[at + 2] = UInt8(ascii: "1")
        bytes[at + 3] = UInt8(ascii: "6")
        let error = try Self.loadError(bytes)
        guard case .file(.unsupportedDType(_, _, "F16"))? = error else {
            Issue.record("expected unsupportedDType, got \(String(describing: error))")
            return
        }
    }

    @Test("a tensor shape that does not match the config")
    func shape() throws {
        let error = try Self.loadError { file in
            let i = file.tensors.firstIndex { $0.name == "encoder.0.weight" }!
            let values = file.tensors[i].values
            file.tensors[i] = SafetensorsTensor(name: "encoder.0.weight", shape: [784, 16], values: values)
        }
        #expect(
            error
                == .shapeMismatch(
                    path: error.map(Self.path) ?? "", name: "encoder.0.weight", expected: [16, 784], found: [784, 16]))
    }

    @Test("a missing tensor, and one the config does not use")
    func missingAndExtra() throws {
        let missing = try Self.loadError { $0.tensors.removeAll { $0.name == "optimizer.adam.m.decoder.0.bias" } }
        guard case .missingTensor(_, "optimizer.adam.m.decoder.0.bias")? = missing else {
            Issue.record("expected missingTensor, got \(String(describing: missing))")
            return
        }
        let extra = try Self.loadError {
            $0.tensors.append(SafetensorsTensor(name: "vae.logvar.weight", shape: [1], values: [0]))
        }
        guard case .unexpectedTensor(_, "vae.logvar.weight")? = extra else {
            Issue.record("expected unexpectedTensor, got \(String(describing: extra))")
            return
        }
    }

    @Test("NaN in a tensor")
    func nonFinite() throws {
        let error = try Self.loadError { file in
            let i = file.tensors.firstIndex { $0.name == "decoder.0.bias" }!
            file.tensors[i].values[3] = .nan
        }
        guard case .nonFinite(_, "decoder.0.bias")? = error else {
            Issue.record("expected nonFinite, got \(String(describing: error))")
            return
        }
    }

    @Test("a foreign safetensors file with no aelab metadata")
    func foreign() throws {
        let error = try Self.loadError { $0.metadata = ["format": "pt"] }
        #expect(error.map(Self.path).map { error == .missingMetadata(path: $0, key: "aelab_checkpoint") } == true)
        #expect(error?.description.contains("not an aelab checkpoint") == true)
    }

    @Test(
        "missing or unparsable metadata values",
        arguments: [
            ("config", nil), ("config", "{\"name\": 3}"), ("config", "not json"), ("history", "[{}]"),
            ("epoch", "-1"), ("rng", "0 0 0 0"), ("step", nil), ("aelab_checkpoint", "9"),
            ("pretrained", "maybe"), ("pretraining_losses", "[1,"), ("pretraining_losses", nil),
            ("epoch_penalty_sums", "zz"), ("epoch_penalty_sums", nil),
        ] as [(String, String?)])
    func badMetadata(key: String, value: String?) throws {
        let error = try Self.loadError { $0.metadata[key] = value }
        switch error {
        case .missingMetadata(_, let k)?: #expect(value == nil && k == key)
        case .badMetadata(_, let k, _)?: #expect(value != nil && k == key)
        default: Issue.record("expected a metadata error for \(key), got \(String(describing: error))")
        }
    }

    @Test("other data than the checkpoint was trained on")
    func otherData() throws {
        let folder = try ScratchFolder("ckdmg")
        defer { folder.remove() }
        let path = folder.file("c.safetensors")
        try Self.good().write(to: path)
        let other = SyntheticImages.dataset(train: 256, validation: 64, seed: 99)
        #expect(throws: CheckpointError.self) { try Checkpoint.load(path: path, dataset: other) }
        do {
            _ = try Checkpoint.load(path: path, dataset: other)
        } catch {
            guard case .datasetMismatch = error else {
                Issue.record("expected datasetMismatch, got \(error)")
                return
            }
            #expect(error.description.contains("same --data"))
        }
        // eval and export may use other data: reading needs none
        #expect(try Checkpoint.read(path: path).makeTrainer(dataset: other).step == 2)
    }

    @Test("a failed save names the path and leaves no file")
    func failedSave() throws {
        let trainer = try Trainer(config: CheckpointTests.config(), dataset: CheckpointTests.data)
        let path = "/nonexistent-folder-aelab/c.safetensors"
        #expect(throws: CheckpointError.self) { try Checkpoint.save(trainer, to: path) }
        do { try Checkpoint.save(trainer, to: path) } catch { #expect(error.description.contains(path)) }
    }

    static func path(_ error: CheckpointError) -> String {
        String(error.description.prefix { $0 != ":" })
    }
}
