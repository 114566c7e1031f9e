import NIOConcurrencyHelpers
import NIOPosix
import Vapor

/// Where bcrypt runs: threads of its own, never the pool that SQLite's queries and the optimiser
/// use, so a crowd signing in cannot starve every other request. At most `capacity` hashes wait
/// or run at once; one more is refused at once (503, try again in a few seconds) rather than
/// queued behind work the client may already have given up on.
final class PasswordWork: Sendable {
    /// One thread: bcrypt is meant to be slow, and the other core keeps answering pages.
    static let threads = 1
    /// Hashes waiting or running at most; at bcrypt's cost 12 (about a quarter of a second here)
    /// the last would answer within about eight seconds.
    static let capacity = 32

    private let pool: NIOThreadPool
    private let inUse = NIOLockedValueBox(0)
    let capacity: Int

    init(threads: Int = PasswordWork.threads, capacity: Int = PasswordWork.capacity) {
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        self.capacity = capacity
    }

    /// Runs `work` on the hashing thread, or refuses when `capacity` are already waiting or running.
    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let admitted = inUse.withLockedValue { count in
            guard count < capacity else { return false }
            count += 1
            return true
        }
        guard admitted else {
            throw AppError.unavailable("Many people are signing in right now: please try again in a few seconds.", retryAfter: 5)
        }
        defer { inUse.withLockedValue { $0 -= 1 } }
        return try await pool.runIfActive {
            Self.yieldToRequests()
            return try work()
        }
    }

    /// The hashing thread runs at a lower priority (nice 10) than the event loops and the
    /// database's threads, so on a busy machine requests are answered first and hashes wait.
    /// On Linux the nice value is a thread's own (setpriority(2), "BUGS"); elsewhere this does nothing.
    private static func yieldToRequests() {
        #if os(Linux)
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }

    /// How many hashes wait or run now.
    var load: Int { inUse.withLockedValue { $0 } }

    func shutdown() async throws { try await pool.shutdownGracefully() }
}

/// Hashing and checking passwords with the application's hasher (bcrypt; cost 4 in tests), on
/// `PasswordWork`'s thread.
struct PasswordHashing: Sendable {
    let hasher: any PasswordHasher
    let work: PasswordWork

    func hash(_ password: String) async throws -> String {
        let hasher = hasher
        return try await work.run { try hasher.hash(password) }
    }

    func verify(_ password: String, created digest: String) async throws -> Bool {
        let hasher = hasher
        return try await work.run { try hasher.verify(password, created: digest) }
    }
}

struct PasswordWorkKey: StorageKey {
    typealias Value = PasswordWork
}

extension Application {
    /// Set up in `configure` and shut down with the application.
    var passwordWork: PasswordWork {
        guard let work = storage[PasswordWorkKey.self] else { fatalError("configure(_:) sets up the password work") }
        return work
    }

    var passwordHashing: PasswordHashing { PasswordHashing(hasher: password.sync, work: passwordWork) }
}
