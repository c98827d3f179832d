// CommandInbox: the UI's commands to the training queue, with a wake-up for a paused trainer.
import Dispatch

/// A locked FIFO of commands; `wait` lets an idle trainer sleep until one arrives.
public final class CommandInbox: Sendable {
    private let queue = Locked<[SessionCommand]>([])
    private let signal = DispatchSemaphore(value: 0)

    public init() {}

    /// Appends a command and wakes the trainer if it is waiting. Never blocks on training.
    public func send(_ command: SessionCommand) {
        queue.withLock { $0.append(command) }
        signal.signal()
    }

    /// Removes and returns every queued command, oldest first.
    public func drain() -> [SessionCommand] {
        queue.withLock { commands in
            defer { commands.removeAll(keepingCapacity: true) }
            return commands
        }
    }

    /// Sleeps until a command is sent or `milliseconds` pass (a paused run uses no CPU).
    public func wait(milliseconds: Int) {
        _ = signal.wait(timeout: .now() + .milliseconds(milliseconds))
    }
}
