// FileError: why reading or writing a file failed, naming the path and the system's reason.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failed file operation: which step, which path, and the errno with its text.
public struct FileError: Error, Equatable, CustomStringConvertible {
    /// The step that failed.
    public enum Operation: String, Sendable {
        case createTemporary = "cannot create temporary file"
        case write = "cannot write"
        case sync = "cannot sync"
        case close = "cannot close"
        case rename = "cannot replace"
        case syncDirectory = "replaced, but cannot sync the folder of"
        case open = "cannot open"
        case read = "cannot read"
        case status = "cannot stat"
    }

    /// The step that failed.
    public let operation: Operation
    /// The path the user asked for (the target, not the temporary file).
    public let path: String
    /// The `errno` value.
    public let code: Int32

    /// The errno's symbolic name where known, e.g. "ENOSPC".
    public var codeName: String? { FileError.names[code] }

    /// The system's text for the errno, e.g. "No space left on device".
    public var reason: String { String(cString: strerror(code)) }

    public var description: String {
        "\(operation.rawValue) \(path): \(reason)" + (codeName.map { " (\($0))" } ?? "")
    }

    /// An error for the current `errno`.
    static func current(_ operation: Operation, _ path: String) -> FileError {
        FileError(operation: operation, path: path, code: errno)
    }

    private static let names: [Int32: String] = [
        EPERM: "EPERM", ENOENT: "ENOENT", EIO: "EIO", EBADF: "EBADF", EACCES: "EACCES",
        EEXIST: "EEXIST", ENOTDIR: "ENOTDIR", EISDIR: "EISDIR", EINVAL: "EINVAL",
        EMFILE: "EMFILE", ENFILE: "ENFILE", EFBIG: "EFBIG", ENOSPC: "ENOSPC", EROFS: "EROFS",
        ENAMETOOLONG: "ENAMETOOLONG", EDQUOT: "EDQUOT", EXDEV: "EXDEV", EBUSY: "EBUSY",
    ]
}
