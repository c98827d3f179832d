// OuterTerminal: stands for the terminal outside tmux in end-to-end tests. A tmux client is
// attached under `script`, whose typescript keeps every byte tmux sends the terminal and whose
// standard input is what the terminal types back. When asked, it answers the kitty graphics
// query as kitty does (`ESC _Gi=31;OK ESC \`) as soon as script passes the query on, so a test
// sees a reply travel back through tmux's passthrough within the probe's 0.5 s.
import Foundation
import Synchronization

final class OuterTerminal: Sendable {
    /// The last bytes seen (a query may be split across reads) and whether it was answered.
    private final class Watch: Sendable {
        let state = Mutex<(tail: [UInt8], answered: Bool)>(([], false))
    }

    private let client: Process
    private let input: Pipe
    private let output: Pipe
    private let typescript: String

    /// Attaches a client of tmux server `server` (its `-L` name) to `session` in a terminal of
    /// `columns` x `rows` with TERM=xterm-256color, recording into `typescript`; returns once
    /// the server lists the client (10 s at most).
    init(
        server: String, session: String, columns: Int, rows: Int, typescript: String, answersKittyQuery: Bool
    ) throws {
        self.typescript = typescript
        input = Pipe()
        output = Pipe()
        client = Process()
        client.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        client.arguments = [
            "TERM=xterm-256color", "LANG=C.UTF-8", "script", "-q", "-f", "-E", "never", "-c",
            "stty cols \(columns) rows \(rows); exec tmux -L \(server) attach -t \(session)", typescript,
        ]
        client.standardInput = input
        client.standardOutput = output
        client.standardError = FileHandle.nullDevice
        let watch = Watch()
        let writer = input.fileHandleForWriting
        let query = Array("\u{1B}_Gi=31,".utf8)
        let answer = Data("\u{1B}_Gi=31;OK\u{1B}\\".utf8)
        // script copies the session to its standard output as well: read it as it comes
        output.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            guard !chunk.isEmpty else {
                handle.readabilityHandler = nil
                return
            }
            let reply = watch.state.withLock { state -> Bool in
                guard answersKittyQuery, !state.answered else { return false }
                let seen = state.tail + chunk
                state.tail = Array(seen.suffix(query.count))
                guard seen.count >= query.count,
                    (0...(seen.count - query.count)).contains(where: {
                        seen[$0..<($0 + query.count)].elementsEqual(query)
                    })
                else { return false }
                state.answered = true
                return true
            }
            if reply { try? writer.write(contentsOf: answer) }
        }
        try client.run()
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, (try? TmuxDriver.run(["tmux", "-L", server, "list-clients"]))?.output ?? "" == "" {
            usleep(50_000)
        }
    }

    deinit {
        if client.isRunning { client.terminate() }
        output.fileHandleForReading.readabilityHandler = nil
        try? input.fileHandleForWriting.close()
    }

    /// Everything tmux has sent this terminal so far, as text.
    var text: String {
        String(decoding: FileManager.default.contents(atPath: typescript) ?? Data(), as: UTF8.self)
    }
}
