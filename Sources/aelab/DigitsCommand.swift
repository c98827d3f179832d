// DigitsCommand: `aelab digits --out DIR`, writes the built-in digits as gzip'd IDX files (the
// MNIST layout), so other tools read the same images; samples/digits-500 is its default output.
import ArgumentParser
import AutoencoderKit
import Foundation

struct DigitsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digits",
        abstract: "Write the built-in digits as MNIST-format (IDX, gzip) files.",
        discussion: "The defaults rebuild samples/digits-500: aelab digits --out samples/digits-500")

    @Option(help: "Folder to write train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz into.")
    var out: String
    @Option(help: "How many digits.")
    var count: Int = 500
    @Option(help: "The generator's seed.")
    var seed: UInt64 = 500

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be at least 1") }
    }

    func run() throws {
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let set = DigitsGenerator.images(count: count, seed: seed, name: "digits-\(count)")
            try IDXWriter.write(
                set, imagesPath: out + "/train-images-idx3-ubyte.gz", labelsPath: out + "/train-labels-idx1-ubyte.gz")
            print("wrote \(count) digits (seed \(seed)) to \(out)")
        } catch {
            throw RunError(message: "\(error)")  // DataError names the file
        }
    }
}
