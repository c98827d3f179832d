// ChildProcess: runs a program for a test with posix_spawn and waitpid, reading its output
// through poll. Foundation's Process can miss a child's exit when tests spawn processes from
// several threads at once (the zombie stays unreaped and waitUntilExit never returns), so the
// end-to-end tests use this instead.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

public enum ChildProcess {
    public struct Result: Sendable {
        public var status: Int32
        public var output: String
        public var errors: String
    }

    public struct SpawnError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `path` with `arguments`; waits for it to exit.
    /// - Parameters:
    ///   - directory: working folder of the child, or nil for ours.
    ///   - capture: read stdout and stderr; when false they go to /dev/null (for programs that
    ///     leave a daemon holding them open, like `tmux new-session -d`).
    public static func run(
        _ path: String, _ arguments: [String], directory: String? = nil, capture: Bool = true
    ) throws -> Result {
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        if capture {
            guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { throw SpawnError(description: "pipe failed") }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if capture {
            posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
            posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
            for fd in outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        let command = commandLine(path, arguments, directory: directory)
        let argv = command.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var attributes = cleanSignalAttributes()
        defer { posix_spawnattr_destroy(&attributes) }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, command[0], &actions, &attributes, argv, environ)
        if capture {
            close(outPipe[1])
            close(errPipe[1])
        }
        guard spawned == 0 else {
            if capture {
                close(outPipe[0])
                close(errPipe[0])
            }
            throw SpawnError(description: "cannot start \(path): \(String(cString: strerror(spawned)))")
        }
        var output: [UInt8] = []
        var errors: [UInt8] = []
        if capture {
            var fds = [
                pollfd(fd: outPipe[0], events: Int16(POLLIN), revents: 0),
                pollfd(fd: errPipe[0], events: Int16(POLLIN), revents: 0),
            ]
            var open = 2
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while open > 0 {
                guard poll(&fds, 2, -1) >= 0 else { if errno == EINTR { continue } else { break } }
                for i in 0..<2 where fds[i].fd >= 0 && fds[i].revents != 0 {
                    let n = read(fds[i].fd, &buffer, buffer.count)
                    if n > 0 {
                        if i == 0 { output += buffer[0..<n] } else { errors += buffer[0..<n] }
                    } else if n == 0 || errno != EINTR {
                        close(fds[i].fd)
                        fds[i].fd = -1
                        open -= 1
                    }
                }
            }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return Result(
            status: exitCode(status), output: String(decoding: output, as: UTF8.self),
            errors: String(decoding: errors, as: UTF8.self))
    }

    /// `path arguments...`, run in `directory` through `sh -c 'cd … && exec …'` when given (the
    /// program keeps the shell's pid; posix_spawn's chdir action is not in Swift's Glibc).
    static func commandLine(_ path: String, _ arguments: [String], directory: String?) -> [String] {
        directory.map { ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", $0, path] + arguments } ?? [path] + arguments
    }

    /// Spawn attributes for a test's child: no blocked signals, and SIGINT, SIGTERM and SIGHUP
    /// at their default action (the test runner may block or ignore them, and both are
    /// inherited across exec). The caller destroys them.
    static func cleanSignalAttributes() -> posix_spawnattr_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&signals, signal) }
        posix_spawnattr_setsigdefault(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        return attributes
    }

    /// A waitpid status as a shell reports it: the exit code, or 128 + N when signal N killed.
    static func exitCode(_ status: Int32) -> Int32 {
        (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
