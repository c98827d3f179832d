// EventFileWriter: a TensorBoard event file in a run folder, appended a record at a time.
//
// The file is named events.out.tfevents.<unix seconds>.<host>.aelab (TensorBoard reads every
// file whose name holds "tfevents"; a resumed run adds a new file beside the old). Each record
// is one write on an O_APPEND descriptor; a write that fails part-way is cut back, so the file
// always ends on a whole record. A whole file (the workbench's saves) is written atomically with
// `AtomicFile` instead: see `RunEvents.fileBytes`.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An append-only TensorBoard event file; one instance per file, one thread at a time.
public final class EventFileWriter {
    /// The file's path, for messages.
    public let path: String
    private var fd: Int32

    /// "events.out.tfevents.<seconds>.<host>.aelab" for a file started at `wallTime`.
    public static func fileName(wallTime: Double) -> String {
        var host = [CChar](repeating: 0, count: 256)
        let bytes = gethostname(&host, host.count) == 0 ? host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) } : []
        let name = String(decoding: bytes, as: UTF8.self)
        return "events.out.tfevents.\(Int(wallTime)).\(name.isEmpty ? "localhost" : name).aelab"
    }

    /// Creates a new event file in `folder` and writes its version record.
    /// - Throws: `FileError` naming the path.
    public init(folder: String, wallTime: Double) throws(FileError) {
        path = folder + "/" + Self.fileName(wallTime: wallTime)
        fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileError.current(.open, path) }
        try append(TensorBoardEvent.fileVersion(wallTime: wallTime))
    }

    deinit {
        if fd >= 0 {
            #if canImport(Glibc)
                _ = Glibc.close(fd)
            #else
                _ = Darwin.close(fd)
            #endif
        }
    }

    /// Appends one event (its protobuf encoding) as a TFRecord.
    /// - Throws: `FileError` (e.g. ENOSPC) naming the path.
    public func append(_ event: [UInt8]) throws(FileError) {
        let end = lseek(fd, 0, SEEK_END)
        do {
            try AtomicFile.writeAll(TFRecord.frame(event), to: fd, path: path)
        } catch {
            if end >= 0 { _ = ftruncate(fd, end) }
            throw error
        }
    }

    /// Flushes the file to disk.
    public func sync() throws(FileError) {
        guard fsync(fd) == 0 else { throw FileError.current(.sync, path) }
    }
}
