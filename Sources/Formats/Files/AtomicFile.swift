// AtomicFile: replace a file's contents all at once, so a crash leaves the old or the new file.
//
// Steps: write a temporary file beside the target (same folder, so rename stays on one
// filesystem), fsync it, rename it over the target, fsync the folder. On any failure the
// temporary file is removed and the previous file is left as it was. Temporary files left by a
// process killed mid-write (SIGKILL, power loss) are deleted by the next write to the same path.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Atomic whole-file writes and plain whole-file reads.
public enum AtomicFile {
    /// Writes `bytes` to `path` atomically: readers see the old contents or the new, never a mix.
    /// - Parameters:
    ///   - bytes: the complete new contents.
    ///   - path: the target; its folder must exist and be writable.
    ///   - permissions: mode bits of a new file (before umask).
    /// - Throws: `FileError` naming the failed step, the path and the errno (e.g. EACCES,
    ///   ENOSPC). The temporary file is removed; the previous file stays intact.
    /// - Complexity: O(n) in the byte count, plus two fsyncs.
    public static func write(_ bytes: [UInt8], to path: String, permissions: mode_t = 0o644) throws(FileError) {
        removeOrphanedTemporaries(of: path)
        let temporary = temporaryPath(for: path)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw FileError.current(.createTemporary, path) }
        do throws(FileError) {
            try writeAll(bytes, to: fd, path: path)
            guard fsync(fd) == 0 else { throw FileError.current(.sync, path) }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        guard close(fd) == 0 else {
            let failure = FileError.current(.close, path)
            unlink(temporary)
            throw failure
        }
        guard rename(temporary, path) == 0 else {
            let failure = FileError.current(.rename, path)
            unlink(temporary)
            throw failure
        }
        try syncFolder(of: path)
    }

    /// Reads the whole file at `path`.
    /// - Throws: `FileError` naming the path and the errno.
    public static func read(_ path: String) throws(FileError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError.current(.open, path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileError.current(.status, path) }
        guard (info.st_mode & S_IFMT) != S_IFDIR else {
            throw FileError(operation: .read, path: path, code: EISDIR)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(0, Int(info.st_size)))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError.current(.read, path)
            }
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }

    /// `.NAME.tmp-PID-RANDOM` in the target's folder.
    static func temporaryPath(for path: String) -> String {
        let (folder, name) = split(path)
        let random = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let prefix = folder.map { $0 == "/" ? "/" : $0 + "/" } ?? ""
        return prefix + ".\(name).tmp-\(getpid())-\(random)"
    }

    /// Deletes the temporary files of `path` that a killed process left behind: names
    /// `.NAME.tmp-PID-…` whose PID is not a running process (this process's own are kept).
    /// A large checkpoint killed mid-write would otherwise leave its size on disk for good.
    static func removeOrphanedTemporaries(of path: String) {
        let (folder, name) = split(path)
        let prefix = ".\(name).tmp-"
        guard let directory = opendir(folder ?? ".") else { return }
        defer { closedir(directory) }
        let folderPrefix = folder.map { $0 == "/" ? "/" : $0 + "/" } ?? ""
        while let entry = readdir(directory) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard entryName.hasPrefix(prefix) else { continue }
            let rest = entryName.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0, pid != getpid() else {
                continue
            }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(folderPrefix + entryName) }
        }
    }

    /// The folder part (nil for a bare name) and the file name.
    static func split(_ path: String) -> (folder: String?, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (nil, path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }

    static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(FileError) {
        let failure: Int32? = bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = systemWrite(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return nil
        }
        if let code = failure { throw FileError(operation: .write, path: path, code: code) }
    }

    /// fsync of the folder makes the rename durable. Filesystems that cannot sync a folder
    /// (EINVAL) are accepted as they are.
    static func syncFolder(of path: String) throws(FileError) {
        let folder = split(path).folder ?? "."
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError.current(.syncDirectory, path) }
        defer { close(fd) }
        if fsync(fd) != 0 && errno != EINVAL {
            throw FileError.current(.syncDirectory, path)
        }
    }
}

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.read(fd, buffer, count)
    #else
        Darwin.read(fd, buffer, count)
    #endif
}

private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.write(fd, buffer, count)
    #else
        Darwin.write(fd, buffer, count)
    #endif
}
