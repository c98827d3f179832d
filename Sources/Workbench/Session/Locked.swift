// Locked: a value behind a pthread mutex, for the state the UI thread and the training queue share.
//
// Why not `Synchronization.Mutex`: on Linux a contended `Mutex` hands the lock from one thread
// to the next inside the kernel (FUTEX_LOCK_PI / FUTEX_UNLOCK_PI), where ThreadSanitizer cannot
// see it, so every contended hand-off of the mailbox was reported as a data race (`make
// test-tsan`). ThreadSanitizer intercepts pthread mutexes, so with this lock a report is a race.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A value that is only read or changed while holding its lock.
final class Locked<Value> {
    /// Heap-allocated so the mutex never moves (a pthread mutex must keep its address).
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` on the value while holding the lock; keep it short (no waiting inside).
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}

/// `@unchecked Sendable`: `value` is read and written only inside `withLock`, holding `mutex`.
extension Locked: @unchecked Sendable where Value: Sendable {}
