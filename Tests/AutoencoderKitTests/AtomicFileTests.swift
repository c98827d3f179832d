// Tests of AtomicFile: replacement, failure cleanup and the error messages.

import Foundation
import TestSupport
import Testing

@testable import AutoencoderKit
@testable import Formats

@Suite("Atomic file writes")
struct AtomicFileTests {
    @Test("writing replaces the contents and leaves no temporary file")
    func replaces() throws {
        let folder = try ScratchFolder("atomic")
        defer { folder.remove() }
        let path = folder.file("a.bin")
        try AtomicFile.write([1, 2, 3], to: path)
        try AtomicFile.write([9, 8], to: path)
        #expect(try AtomicFile.read(path) == [9, 8])
        #expect(folder.contents() == ["a.bin"])
    }

    @Test("an empty file can be written and read")
    func emptyFile() throws {
        let folder = try ScratchFolder("atomic")
        defer { folder.remove() }
        try AtomicFile.write([], to: folder.file("e"))
        #expect(try AtomicFile.read(folder.file("e")) == [])
    }

    @Test("the temporary name sits beside the target, hidden, with pid and a random part")
    func temporaryName() {
        let name = AtomicFile.temporaryPath(for: "/runs/x/model.safetensors")
        #expect(name.hasPrefix("/runs/x/.model.safetensors.tmp-\(getpid())-"))
        #expect(AtomicFile.temporaryPath(for: "m.bin").hasPrefix(".m.bin.tmp-"))
        #expect(AtomicFile.temporaryPath(for: "/m.bin").hasPrefix("/.m.bin.tmp-"))
        #expect(AtomicFile.temporaryPath(for: "a") != AtomicFile.temporaryPath(for: "a"))
    }

    @Test("a missing folder fails with ENOENT naming the path")
    func missingFolder() throws {
        let folder = try ScratchFolder("atomic")
        defer { folder.remove() }
        let path = folder.file("nope/a.bin")
        let error = #expect(throws: FileError.self) { try AtomicFile.write([1], to: path) }
        #expect(error?.code == ENOENT)
        #expect(error?.description == "cannot create temporary file \(path): No such file or directory (ENOENT)")
    }

    @Test("a failed rename removes the temporary file and keeps what was there")
    func failedRenameCleansUp() throws {
        let folder = try ScratchFolder("atomic")
        defer { folder.remove() }
        let target = folder.file("dir")
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        try AtomicFile.write([7], to: folder.file("dir/inner"))
        let error = #expect(throws: FileError.self) { try AtomicFile.write([1, 2], to: target) }
        #expect(error?.operation == .rename)
        #expect(error?.description.hasPrefix("cannot replace \(target): ") == true)
        #expect(folder.contents() == ["dir"])
        #expect(try AtomicFile.read(folder.file("dir/inner")) == [7])
    }

    @Test(
        "a read-only folder fails with EACCES and keeps the previous file",
        .enabled(if: getuid() != 0, "root ignores folder permissions, so there is nothing to observe"))
    func readOnlyFolder() throws {
        let folder = try ScratchFolder("atomic")
        defer {
            chmod(folder.path, 0o755)
            folder.remove()
        }
        let path = folder.file("keep.bin")
        try AtomicFile.write([5, 5], to: path)
        chmod(folder.path, 0o555)
        let error = #expect(throws: FileError.self) { try AtomicFile.write([1], to: path) }
        #expect(error?.code == EACCES)
        #expect(try AtomicFile.read(path) == [5, 5])
    }

    @Test("the disk-full error reads as the user would act on it")
    func diskFullMessage() {
        let error = FileError(operation: .write, path: "runs/a.safetensors", code: ENOSPC)
        #expect(error.description == "cannot write runs/a.safetensors: No space left on device (ENOSPC)")
    }

    @Test("reading a missing file names it")
    func readMissing() {
        let error = #expect(throws: FileError.self) { try AtomicFile.read("/nonexistent/x") }
        #expect(error?.description == "cannot open /nonexistent/x: No such file or directory (ENOENT)")
    }
}
