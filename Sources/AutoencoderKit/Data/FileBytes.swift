// FileBytes: whole-file reads and writes through POSIX calls, with size limits and DataError.
//
// Data files are read in one piece (the largest, Fashion-MNIST's training images, is 47 MB
// uncompressed). The size is checked with fstat before any buffer is allocated.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads and writes whole files as bytes.
package enum FileBytes {
    /// Largest file read or decompressed result accepted: 2 GiB.
    package static let defaultLimit = 1 << 31

    /// What is at a path.
    package enum Kind: Equatable { case missing, file, directory, other }

    /// Whether `path` is a regular file, a folder, something else or nothing.
    package static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// The whole file at `path`.
    /// - Parameter limit: largest size accepted, in bytes.
    /// - Throws: `DataError.fileMissing`, `.unreadable`, `.emptyFile` or `.tooLarge`.
    /// - Complexity: O(file size), one allocation.
    package static func read(_ path: String, limit: Int = defaultLimit) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { throw DataError.fileMissing(path: path) }
            throw DataError.unreadable(path: path, reason: errorText(code))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw DataError.unreadable(path: path, reason: errorText(errno))
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            throw DataError.unreadable(path: path, reason: "it is a folder, not a file")
        }
        let size = Int(info.st_size)
        if size == 0 { throw DataError.emptyFile(path: path) }
        if size > limit {
            throw DataError.tooLarge(
                path: path, detail: "the file has \(size) bytes; the limit is \(limit)")
        }
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            guard let base = buffer.baseAddress else { return }
            while count < size {
                let n = systemRead(fd, base + count, size - count)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if n == 0 { break }
                count += n
            }
        }
        if failure != 0 { throw DataError.unreadable(path: path, reason: errorText(failure)) }
        if bytes.count != size {
            throw DataError.unreadable(
                path: path, reason: "the file shrank while it was read (\(bytes.count) of \(size) bytes)")
        }
        return bytes
    }

    /// Writes `bytes` to `path` through a temporary file and a rename, so a reader never sees
    /// half a file.
    /// - Throws: `DataError.writeFailed`.
    package static func write(_ bytes: [UInt8], to path: String) throws {
        let temporary = path + ".partial"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw DataError.writeFailed(path: path, reason: errorText(errno)) }
        var failure: Int32 = 0
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var done = 0
            while done < raw.count {
                let n = systemWrite(fd, base + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                done += n
            }
        }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        close(fd)
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw DataError.writeFailed(path: path, reason: errorText(failure))
        }
    }

    /// The C library's text for an errno value.
    private static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}

// `read` and `write` are shadowed by the methods above inside the enum; these name the C calls.
@inline(__always)
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    #if canImport(Glibc)
        return Glibc.read(fd, buffer, count)
    #else
        return Darwin.read(fd, buffer, count)
    #endif
}

@inline(__always)
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        return Glibc.write(fd, buffer, count)
    #else
        return Darwin.write(fd, buffer, count)
    #endif
}
