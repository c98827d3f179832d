// OuterTerminal: stands for the terminal outside tmux in end-to-end tests. A tmux client is
// attached under `script`, whose typescript keeps every byte tmux sends the terminal and whose
// standard input is what the terminal types back. When asked, it answers the kitty graphics
// query as kitty does (`ESC _Gi=31;OK ESC \`), so a test sees a reply travel back through
// tmux's passthrough.
import Foundation

final class OuterTerminal: Sendable {
    private let client: Process
    private let input: Pipe
    private let typescript: String

    /// Attaches a client of tmux server `server` (its `-L` name) to `session` in a terminal of
    /// `columns` x `rows` with TERM=xterm-256color, recording into `typescript`; returns once
    /// the server lists the client (10 s at most).
    init(
        server: String, session: String, columns: Int, rows: Int, typescript: String, answersKittyQuery: Bool
    ) throws {
        self.typescript = typescript
        input = Pipe()
        client = Process()
        client.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        client.arguments = [
            "TERM=xterm-256color", "LANG=C.UTF-8", "script", "-q", "-f", "-E", "never", "-c",
            "stty cols \(columns) rows \(rows); exec tmux -L \(server) attach -t \(session)", typescript,
        ]
        client.standardInput = input
        client.standardOutput = FileHandle.nullDevice
        client.standardError = FileHandle.nullDevice
        try client.run()
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, (try? TmuxDriver.run(["tmux", "-L", server, "list-clients"]))?.output ?? "" == "" {
            usleep(50_000)
        }
        guard answersKittyQuery else { return }
        let writer = input.fileHandleForWriting
        DispatchQueue.global().async { [client] in
            let query = Data("\u{1B}_Gi=31,".utf8)
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline, client.isRunning {
                if let seen = FileManager.default.contents(atPath: typescript), seen.range(of: query) != nil {
                    try? writer.write(contentsOf: Data("\u{1B}_Gi=31;OK\u{1B}\\".utf8))
                    return
                }
                usleep(20_000)
            }
        }
    }

    deinit {
        if client.isRunning { client.terminate() }
        try? input.fileHandleForWriting.close()
    }

    /// Everything tmux has sent this terminal so far, as text.
    var text: String {
        String(decoding: FileManager.default.contents(atPath: typescript) ?? Data(), as: UTF8.self)
    }
}
