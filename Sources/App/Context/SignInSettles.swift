import Foundation
import NIOConcurrencyHelpers

/// How many sign-in attempts of each client have settled on this instance (checked, refused or
/// dropped). An attempt waiting its turn behind others of its client (`SignInThrottle`) knows
/// how many must settle before it can have room, and asks the database again only then, or after
/// a pause for those settling on other instances: a burst of sign-ins from one address costs a
/// query a turn, not a query every few milliseconds each.
final class SignInSettles: Sendable {
    /// Clients tracked at most; beyond, the count starts again (a waiter then falls back on its pause).
    static let maximumClients = 10_000
    static let tick: Duration = .milliseconds(5)

    private let settled = NIOLockedValueBox<[String: Int]>([:])
    private let stopping = NIOLockedValueBox(false)

    /// After SIGTERM: nobody waits any more (each waiting attempt is answered "try again"), so the
    /// requests under way finish within the shutdown's time.
    func stopWaiting() { stopping.withLockedValue { $0 = true } }

    var isStopping: Bool { stopping.withLockedValue { $0 } }

    func count(of client: String) -> Int { settled.withLockedValue { $0[client] ?? 0 } }

    func settle(_ client: String) {
        settled.withLockedValue { counts in
            if counts[client] == nil && counts.count >= Self.maximumClients { counts.removeAll(keepingCapacity: true) }
            counts[client, default: 0] += 1
        }
    }

    /// Returns once `needed` more attempts of `client` settled here than `since`, or after `longest`.
    func wait(for needed: Int, of client: String, since: Int, atMost longest: Duration) async throws {
        let started = ContinuousClock.now
        while ContinuousClock.now - started < longest {
            if count(of: client) - since >= needed || isStopping { return }
            try await Task.sleep(for: Self.tick)
        }
    }
}
