// Every preset in samples/ parses into a valid configuration; malformed presets get errors
// naming the file, the line and the key.
import Foundation
import Testing

@testable import AutoencoderKit

@Suite("Presets")
struct PresetTests {
    static let samples: String = {
        let here = URL(fileURLWithPath: #filePath)
        return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("samples").path
    }()

    @Test("every built-in preset parses, validates and names itself", arguments: Preset.builtInNames)
    func builtInPresetParses(_ name: String) throws {
        let library = PresetLibrary(folders: [Self.samples])
        let preset = try library.load(name)
        #expect(preset.name == name)
        #expect(!preset.description.isEmpty)
        #expect(preset.config.validationErrors().isEmpty)
    }

    @Test("the library lists the built-in presets in key order")
    func listing() {
        let names = PresetLibrary(folders: [Self.samples]).names()
        #expect(names == Preset.builtInNames)
        #expect(names.prefix(2) == ["undercomplete", "sparse-kl"])
    }

    @Test("presets set what they promise")
    func contents() throws {
        let library = PresetLibrary(folders: [Self.samples])
        let kl = try library.load("sparse-kl").config
        #expect(kl.architecture.description == "784-1024-784")
        #expect(kl.regularization.kl == KLSparsitySettings(beta: 0.01, rho: 0.05))
        #expect(try library.load("deep").config.architecture.description == "784-512-128-32-128-512-784")
        let vae = try library.load("vae").config
        #expect(vae.kind == .vae && vae.architecture.stochasticCode)
        #expect(try library.load("undercomplete-2d").config.architecture.codeSize == 2)
        #expect(try library.load("contractive").config.architecture.tiedWeights)
        #expect(
            try library.load("denoising-saltpepper").config.regularization.denoising
                == CorruptionSettings(kind: .saltPepper, level: 0.2))
        let pca = try library.load("linear-pca").config
        #expect(
            pca.loss == .mse && pca.architecture.outputActivation == .identity
                && pca.architecture.codeActivation == .identity)
    }

    @Test("a registered code penalty needs no preset code: [regularizer.l2] reads through the registry")
    func penaltyFromTheRegistry() throws {
        let preset = try Preset.parse(
            "name = \"x\"\n[model]\nlayers = [64]\n[regularizer.l2]\nlambda = 0.002", file: "l2.toml")
        #expect(preset.config.regularization.penalties == ["l2": ["lambda": 0.002]])
        #expect(
            Self.problems("name = \"x\"\n[model]\nlayers = [64]\n[regularizer.l2]\n") == [
                "l2.toml:4: missing key \"lambda\" in [regularizer.l2]".replacingOccurrences(
                    of: "l2.toml", with: "bad.toml")
            ])
    }

    static func problems(_ text: String) -> [String] {
        do {
            _ = try Preset.parse(text, file: "bad.toml")
            return []
        } catch {
            if case .invalid(let e) = error { return e.problems.map(\.description) }
            return [error.description]
        }
    }

    @Test("malformed presets name file, line and key")
    func malformed() {
        #expect(
            Self.problems("name = \"x\"\n[model]\nlayers = [32]\nactivaton = \"relu\"") == [
                "bad.toml:4: unknown key \"activaton\" in [model] (did you mean \"activation\"?)"
            ])
        #expect(
            Self.problems("name = \"x\"\n[model]\nlayers = [-5]") == [
                "bad.toml:3: key \"layers\" in [model]: element 1: must be in [1, 65536], got -5"
            ])
        #expect(
            Self.problems(
                "name = \"x\"\n[model]\nlayers = [64]\nactivation = \"sigmoid\"\n[regularizer.kl]\nbeta = 1\nrho = 1.5")
                == [
                    "bad.toml:7: key \"rho\" in [regularizer.kl]: must be in (0, 1), got 1.5"
                ])
        #expect(
            Self.problems("name = \"x\"\n[model]\nlayers = [64]\n[train]\nepochs = \"ten\"") == [
                "bad.toml:5: key \"epochs\" in [train]: expected an integer, got a string \"ten\""
            ])
        #expect(
            Self.problems("name = \"x\"\n[model]\nlayers = [64]\n[regularizer.l2]\nlambda = -1") == [
                "bad.toml:5: key \"lambda\" in [regularizer.l2]: must be at least 0, got -1"
            ])
        #expect(
            Self.problems("name = \"x\"\n[model]\nlayers = [64]\n[regularizer.kl]\nbeta = 1") == [
                "bad.toml:4: missing key \"rho\" in [regularizer.kl]"
            ])
        let k = Self.problems("name = \"x\"\n[model]\nlayers = [16]\n[regularizer.k_sparse]\nk = 40")
        #expect(k == ["bad.toml:5: k-sparse k must be between 1 and the code size 16, got 40"])
        let output = Self.problems("name = \"x\"\n[model]\nlayers = [16]\noutput = \"identity\"\nloss = \"bce\"")
        #expect(output.count == 1 && output[0].hasPrefix("bad.toml:4: binary cross-entropy needs a sigmoid output"))
        let syntax = Self.problems("name = \"x\"\n[model\nlayers = [16]")
        #expect(syntax.count == 1 && syntax[0].hasPrefix("bad.toml:2:"))
    }

    @Test("a missing preset says where it looked and which presets there are")
    func notFound() {
        let error = #expect(throws: PresetLoadError.self) { try PresetLibrary(folders: ["/nowhere"]).load("nope") }
        #expect(error?.description.contains("/nowhere") == true)
        let listed = #expect(throws: PresetLoadError.self) { try PresetLibrary(folders: [Self.samples]).load("nope") }
        #expect(listed?.description.contains("presets: undercomplete, ") == true)
    }
}
