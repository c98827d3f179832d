// TrainFlagTests: the built `aelab train` refuses every bad flag with a clear message and exit code 2.
//
// Runs the real binary (.build/release/aelab, else .build/debug/aelab; `make test` builds the
// release one first). Every case fails before any training starts, so each run takes milliseconds.
import Foundation
import TestSupport
import Testing

@Suite(
    "aelab train flags",
    .enabled(
        if: AelabProcess.binary != nil, "no aelab binary: run `swift build -c release --product aelab` (make test does)"
    ))
struct TrainFlagTests {
    /// Flags that need no files, and a part of the message each must print.
    static let badFlags: [([String], String)] = [
        (["--batch", "0"], "batch size must be between 1 and 65536, got 0"),
        (["--batch=-5"], "batch size must be between 1 and 65536, got -5"),
        (["--batch", "100000"], "batch size must be between 1 and 65536, got 100000"),
        (["--batch", "ten"], "'ten' is invalid for '--batch"),
        (["--lr=-0.1"], "learning rate must be a positive number, got -0.1"),
        (["--lr", "0"], "learning rate must be a positive number, got 0.0"),
        (["--lr", "nan"], "learning rate must be a positive number, got nan"),
        (["--lr", "inf"], "learning rate must be a positive number, got inf"),
        (["--momentum", "1.5"], "momentum must be in [0, 1), got 1.5"),
        (["--weight-decay=-1"], "weight decay must be >= 0, got -1.0"),
        (["--clip", "0"], "gradient clip norm must be positive, got 0.0"),
        (["--epochs=-1"], "epochs must be between 0 and 1000000, got -1"),
        (["--threads", "0"], "--threads must be between 1 and 256, got 0"),
        (["--seed=-1"], "'-1' is invalid for '--seed"),
        (["--layers", "0"], "--layers: '0' is not a positive whole number"),
        (["--layers", "32,abc"], "--layers: 'abc' is not a positive whole number"),
        (["--layers", ","], "--layers: give at least one width"),
        (["--layers", "100000"], "layer width must be between 1 and 65536, got 100000"),
        (["--layers", "65536,65536"], "parameters (784-65536-65536-65536-784); the limit is 134217728"),
        (["--activation", "swish"], "--activation: unknown activation 'swish'; choose one of"),
        (["--code-activation", "step"], "--code-activation: unknown activation 'step'"),
        (["--output", "softmax"], "--output: unknown activation 'softmax'"),
        (["--loss", "hinge"], "--loss: unknown loss 'hinge'; choose bce or mse"),
        (["--optimizer", "rmsprop"], "--optimizer: unknown optimizer 'rmsprop'; choose sgd, adam or adamw"),
        (["--output", "identity"], "binary cross-entropy needs a sigmoid output"),
        (["--no-such-flag"], "Unknown option '--no-such-flag'"),
        (["--model", "gan"], "--model: unknown model 'gan'; choose autoencoder, vae, psd, recirculation"),
        (["--corruption", "blur"], "--corruption: unknown kind 'blur'; choose mask, gaussian or salt-pepper"),
        (["--noise-level", "0.2"], "--noise-level: also give --corruption"),
        (["--kl-beta", "0.1"], "--kl-beta: also give --kl-rho"),
        (["--penalty", "l3=0.1"], "--penalty: unknown penalty 'l3'; choose l1, kl, contractive, l2"),
        (["--penalty", "l2"], "--penalty: 'l2' is not NAME=NUMBER"),
        (["--penalty", "l2.mu=1"], "--penalty: l2 has no parameter 'mu'; its keys: lambda"),
        (["--penalty", "l2=-1"], "L2 λ must be at least 0, got -1.0"),
        (["--penalty", "kl.rho=1.5", "--code-activation", "sigmoid"], "KL ρ must be in (0, 1), got 1.5"),
        (["--model", "vae", "--tied"], "a stochastic (VAE) code cannot use tied weights"),
    ]

    @Test("each out-of-range or unknown value exits 2 with a message naming it", arguments: badFlags)
    func badFlag(arguments: [String], message: String) throws {
        let result = try AelabProcess.run(["train"] + arguments)
        #expect(result.status == 2, "aelab train \(arguments.joined(separator: " ")) exited \(result.status)")
        #expect(result.errors.contains(message), "stderr was: \(result.errors)")
    }

    @Test("an unknown preset exits 2 naming it and listing the presets there are")
    func unknownPreset() throws {
        for name in ["nope", "/nowhere/nope.toml"] {
            let result = try AelabProcess.run(["train", "--preset", name])
            #expect(result.status == 2, "aelab train --preset \(name) exited \(result.status)")
            #expect(result.errors.contains("--preset: no preset named \"\(name)\""), "stderr was: \(result.errors)")
            #expect(result.errors.contains("presets: undercomplete, sparse-kl, "), "stderr was: \(result.errors)")
        }
    }

    @Test("missing files, folders given for files and unreadable data exit 2 naming the path")
    func badPaths() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("aelab-flags-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/folder.npy", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/empty", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(FileManager.default.createFile(atPath: folder + "/garbage.idx", contents: Data("not an idx file".utf8)))
        #expect(FileManager.default.createFile(atPath: folder + "/plain-file", contents: Data("x".utf8)))
        // Three 4x5 images: a valid IDX file whose images do not fit the 784-input model.
        let tiny: [UInt8] = [0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 5] + [UInt8](repeating: 7, count: 60)
        #expect(FileManager.default.createFile(atPath: folder + "/tiny-idx3-ubyte", contents: Data(tiny)))
        let cases: [([String], String)] = [
            (["--data", folder + "/missing"], "--data: \(folder)/missing: file not found"),
            (["--data", folder + "/missing.npy"], "--data: \(folder)/missing.npy: file not found"),
            (["--data", folder + "/folder.npy"], "\(folder)/folder.npy: cannot read: it is a folder, not a file"),
            (["--data", folder + "/empty"], "\(folder)/empty: no MNIST files in this folder"),
            (["--data", folder + "/garbage.idx"], "\(folder)/garbage.idx: wrong magic number"),
            (
                ["--data", folder + "/tiny-idx3-ubyte"],
                "\(folder)/tiny-idx3-ubyte: images are 4x5 (20 pixels), but the model takes 28x28 images (784 pixels); "
                    + "pass such images (IDX, or .npy shaped (N, 28, 28) or (N, 784)), or crop or resize these first"
            ),
            (["--out", folder + "/plain-file"], "--out: \(folder)/plain-file exists and is not a folder"),
        ]
        for (arguments, message) in cases {
            let result = try AelabProcess.run(["train"] + arguments)
            #expect(result.status == 2, "aelab train \(arguments.joined(separator: " ")) exited \(result.status)")
            #expect(result.errors.contains(message), "stderr was: \(result.errors)")
        }
    }
}
