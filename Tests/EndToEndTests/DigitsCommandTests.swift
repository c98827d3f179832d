// `aelab digits`: the built-in digits written as IDX files, checked against samples/digits-500.
import AutoencoderKit
import Foundation
import Testing

@Suite("aelab digits", .enabled(if: AelabProcess.binary != nil, "the aelab binary is not built"))
struct DigitsCommandTests {
    @Test("the default options rebuild samples/digits-500 image for image and label for label")
    func defaultsRebuildTheSample() throws {
        let root = try AelabProcess.scratch("digits")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let run = try AelabProcess.run(["digits", "--out", root])
        #expect(run.status == 0, "\(run.errors)")
        let sample = AelabProcess.packageRoot + "/samples/digits-500"
        let names = ("/train-images-idx3-ubyte.gz", "/train-labels-idx1-ubyte.gz")
        let written = try IDXReader.load(images: root + names.0, labels: root + names.1, name: "written")
        let shipped = try IDXReader.load(images: sample + names.0, labels: sample + names.1, name: "shipped")
        #expect(written.count == 500 && written.rows == 28 && written.columns == 28)
        #expect(written.pixels == shipped.pixels)
        #expect(written.labels == shipped.labels)
    }

    @Test("a folder that cannot be made is refused with its path, exit status 1")
    func unwritableFolderIsNamed() throws {
        let run = try AelabProcess.run(["digits", "--out", "/proc/aelab-digits"])
        #expect(run.status == 1)
        #expect(run.errors.contains("/proc/aelab-digits"), "\(run.errors)")
    }
}
