// WorkTeam: a fixed team of threads that runs one job in parts and waits for all of them
// (fork-join), for the training step's products and elementwise kernels.
//
// Why not OpenBLAS's own threads: between two products of a step its idle workers spin in
// sched_yield while the elementwise work (activations, loss, Adam) runs on one core; a model's
// small products (128x128x32) also cost more to hand out than to compute. The engine instead
// runs OpenBLAS single-threaded and splits each layer itself (by batch rows for forward and dx,
// by weight rows for dW), so each core does products and elementwise work on its own share.
//
// The caller is part 0; workers 1..<size wait for the next job by spinning briefly (the next
// product of a step follows within microseconds), then sleep on a condition so an idle
// workbench costs no CPU. A job runs while another thread holds the team (two trainers on two
// threads, as the tests do) runs its parts one after another on its own thread: the same parts,
// so the same results, whichever thread gets the team. Results depend on the team's size (the
// shares change the products' shapes): one thread and two agree to about 1e-7, not to the bit.
import Foundation
import Synchronization

/// Fork-join threads for data-parallel loops.
///
/// `@unchecked Sendable`: the one mutable field the workers read, `job`, is written only by the
/// thread that won `busy` (compare-exchange, acquiring), before it publishes the job by bumping
/// `generation` (sequentially consistent); workers read it after seeing the new generation
/// (acquiring) and report through `remaining` (releasing), and the owner clears it only after
/// `remaining` reaches 0 (acquiring). `threads` is written in `init` only; sleeping is guarded
/// by `condition`.
public final class WorkTeam: @unchecked Sendable {
    /// One part of a job: which part, of how many, and the share of a range it takes.
    public struct Part: Sendable {
        public let index: Int
        public let count: Int
        /// This part's slice of `0..<total`, cut at multiples of `alignment` (the last part takes
        /// the rest), so vector loops and products keep whole blocks.
        public func share(of total: Int, alignment: Int = 1) -> Range<Int> {
            WorkTeam.share(index, of: count, total: total, alignment: alignment)
        }
    }

    /// Threads in the team, the caller included.
    public let size: Int
    /// The team the engine uses; `setSharedSize` changes it (aelab's --threads).
    public static var shared: WorkTeam { sharedTeam.withLock { $0 } }
    private static let sharedTeam = Mutex<WorkTeam>(makeDefaultTeam())

    /// Two threads (the library on one: see `init`).
    private static func makeDefaultTeam() -> WorkTeam { WorkTeam(size: 2) }

    private let generation = Atomic<Int>(0)
    private let remaining = Atomic<Int>(0)
    private let sleeping = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private let busy = Atomic<Bool>(false)
    private let condition = NSCondition()
    /// The current job; written by the caller before `generation` is bumped, read by workers after.
    private var job: ((Part) -> Void)?
    private var threads: [Thread] = []

    /// Starts `size - 1` worker threads (none for size 1), and puts the library on one thread:
    /// a team splits the products itself, and OpenBLAS's own threads under concurrent callers
    /// split a product differently when busy, which changes results in the last bits.
    public init(size: Int) {
        BLAS.setLibraryThreadCount(1)
        self.size = max(1, size)
        for index in 1..<self.size {
            // the thread keeps the team alive until `stop` ends it
            let thread = Thread { [self] in self.work(index: index) }
            thread.name = "aelab-team-\(index)"
            thread.stackSize = 1 << 20
            threads.append(thread)
            thread.start()
        }
    }

    /// Replaces the shared team by one of `size` threads (the old one's workers exit).
    public static func setSharedSize(_ size: Int) {
        let old = sharedTeam.withLock { team -> WorkTeam? in
            guard team.size != max(1, size) else { return nil }
            let previous = team
            team = WorkTeam(size: size)
            return previous
        }
        old?.stop()
    }

    /// Runs `body` once per part, `parts` of them (at most `size`; 1 runs on the caller only),
    /// and returns when every part has finished.
    public func run(parts requested: Int? = nil, _ body: (Part) -> Void) {
        let count = min(max(1, requested ?? size), size)
        if count == 1 { return body(Part(index: 0, count: 1)) }
        // another thread has the team (or this is a nested call): the same parts, here, in turn
        guard busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            for index in 0..<count { body(Part(index: index, count: count)) }
            return
        }
        defer { busy.store(false, ordering: .releasing) }
        withoutActuallyEscaping(body) { body in
            job = { part in if part.index < count { body(Part(index: part.index, count: count)) } }
            remaining.store(size - 1, ordering: .relaxed)
            generation.add(1, ordering: .sequentiallyConsistent)
            if sleeping.load(ordering: .sequentiallyConsistent) > 0 {
                condition.lock()
                condition.broadcast()
                condition.unlock()
            }
            body(Part(index: 0, count: count))
            var spins = 0
            while remaining.load(ordering: .acquiring) > 0 {
                spins += 1
                if spins > 2000 { sched_yield() }
            }
            job = nil
        }
    }

    /// Ends the workers (they finish the job in hand first).
    public func stop() {
        guard !stopping.exchange(true, ordering: .sequentiallyConsistent) else { return }
        generation.add(1, ordering: .sequentiallyConsistent)
        condition.lock()
        condition.broadcast()
        condition.unlock()
    }

    private func work(index: Int) {
        var seen = 0  // the generation at construction: no job can have been posted before
        while true {
            var spins = 0
            while generation.load(ordering: .acquiring) == seen {
                spins += 1
                if spins > 100_000 {  // tens of µs: no job is coming soon, sleep
                    condition.lock()
                    sleeping.add(1, ordering: .sequentiallyConsistent)
                    while generation.load(ordering: .sequentiallyConsistent) == seen { condition.wait() }
                    sleeping.subtract(1, ordering: .sequentiallyConsistent)
                    condition.unlock()
                    break
                }
            }
            seen = generation.load(ordering: .acquiring)
            if stopping.load(ordering: .acquiring) { return }
            job?(Part(index: index, count: size))
            remaining.subtract(1, ordering: .releasing)
        }
    }

    /// Part `index` of `count` of `0..<total`, cut at multiples of `alignment`.
    static func share(_ index: Int, of count: Int, total: Int, alignment: Int) -> Range<Int> {
        let step = max(1, alignment)
        let blocks = (total + step - 1) / step
        let lower = min(total, (blocks * index / count) * step)
        let upper = index == count - 1 ? total : min(total, (blocks * (index + 1) / count) * step)
        return lower..<upper
    }
}
