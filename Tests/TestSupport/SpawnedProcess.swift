// SpawnedProcess: a child started with posix_spawn that a test can signal while it runs. Its
// stdout and stderr go to files (no pipe to fill up), which the test polls; SIGINT, SIGTERM
// and SIGHUP start at their default action and unblocked even if the test runner ignores or
// blocks them (the signal mask is inherited across exec).
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

public final class SpawnedProcess {
    public let pid: pid_t
    /// Files receiving the child's stdout and stderr.
    public let outputPath: String
    public let errorsPath: String
    private var exitStatus: Int32?

    /// Starts `path arguments...` in `directory` (through `sh -c 'cd … && exec …'`, so `pid` is
    /// the program's own once it runs). Output goes to `outputPath` / `errorsPath`.
    public init(_ path: String, _ arguments: [String], directory: String? = nil, outputPath: String, errorsPath: String)
        throws
    {
        self.outputPath = outputPath
        self.errorsPath = errorsPath
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errorsPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var attributes = ChildProcess.cleanSignalAttributes()
        defer { posix_spawnattr_destroy(&attributes) }
        let command = ChildProcess.commandLine(path, arguments, directory: directory)
        let argv = command.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        let spawned = posix_spawnp(&child, command[0], &actions, &attributes, argv, environ)
        guard spawned == 0 else {
            throw ChildProcess.SpawnError(description: "cannot start \(path): \(String(cString: strerror(spawned)))")
        }
        pid = child
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            _ = wait()
        }
    }

    /// Sends `signal` to the child (ignored once it has exited).
    public func send(_ signal: Int32) {
        if exitStatus == nil { kill(pid, signal) }
    }

    /// Everything the child has written to stdout so far.
    public var output: String { Self.contents(outputPath) }
    /// Everything the child has written to stderr so far.
    public var errors: String { Self.contents(errorsPath) }

    /// Polls stdout every 20 ms until `condition` holds, the child exits or `seconds` pass.
    /// - Returns: whether the condition held.
    @discardableResult
    public func waitForOutput(seconds: Double = 30, _ condition: (String) -> Bool) -> Bool {
        let steps = Int(seconds * 50)
        for _ in 0..<steps {
            if condition(output) { return true }
            if hasExited { return condition(output) }
            usleep(20_000)
        }
        return false
    }

    /// True once the child has exited (reaps it).
    public var hasExited: Bool {
        if exitStatus != nil { return true }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else { return false }
        exitStatus = ChildProcess.exitCode(status)
        return true
    }

    /// Waits for the child to exit. - Returns: its exit code, or 128 + N when signal N killed it.
    @discardableResult
    public func wait() -> Int32 {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let code = ChildProcess.exitCode(status)
        exitStatus = code
        return code
    }

    private static func contents(_ path: String) -> String {
        guard let file = fopen(path, "r") else { return "" }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
