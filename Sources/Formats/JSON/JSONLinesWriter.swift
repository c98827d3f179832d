// JSONLinesWriter: appends one JSON object per line to a metrics file.
//
// Each record is written with one write() of the whole line including "\n" (looping only if the
// kernel takes part of it), on a file opened with O_APPEND, so a killed process leaves complete
// lines; a write that fails part-way (a full disk) is cut back to the last complete line. Keys keep the order given. Non-finite numbers are written as `null`: JSON has no NaN or
// Inf, and a diverged loss should not make the file unreadable.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An append-only JSON-lines file; one instance per file, used from one thread at a time.
public final class JSONLinesWriter {
    /// The file's path, for messages.
    public let path: String
    private var fd: Int32

    /// Opens (creating if needed) `path` for appending.
    /// - Throws: `FileError` naming the path.
    public init(path: String) throws(FileError) {
        self.path = path
        fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileError.current(.open, path) }
    }

    deinit {
        if fd >= 0 { _ = closeDescriptor(fd) }
    }

    /// The line for `record`: compact JSON plus "\n".
    public static func line(_ record: JSONObject) -> String {
        record.jsonText + "\n"
    }

    /// Appends `record` as one line.
    /// - Throws: `FileError` (e.g. ENOSPC) naming the path.
    public func append(_ record: JSONObject) throws(FileError) {
        guard fd >= 0 else { throw FileError(operation: .write, path: path, code: EBADF) }
        let end = lseek(fd, 0, SEEK_END)
        do {
            try AtomicFile.writeAll(Array(JSONLinesWriter.line(record).utf8), to: fd, path: path)
        } catch {
            // A full disk can take part of the line: cut it off so the file still ends on a
            // complete line.
            if end >= 0 { _ = ftruncate(fd, end) }
            throw error
        }
    }

    /// Flushes the file to disk (fsync); call at epoch ends when durability matters.
    public func sync() throws(FileError) {
        guard fd >= 0, fsync(fd) == 0 else { throw FileError.current(.sync, path) }
    }

    /// Closes the file; later appends fail with EBADF.
    public func close() throws(FileError) {
        guard fd >= 0 else { return }
        let result = closeDescriptor(fd)
        fd = -1
        guard result == 0 else { throw FileError.current(.close, path) }
    }
}

private func closeDescriptor(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
        Glibc.close(fd)
    #else
        Darwin.close(fd)
    #endif
}
