import NIOConcurrencyHelpers
import Vapor

/// Counts the requests this instance is answering, so that a SIGTERM lets them finish before the
/// database goes away (`Application.drain`): Fluent's `req.db` traps once the databases are shut
/// down, and an instance stopped under load used to end with SIGILL (issue 22).
final class InFlightRequests: AsyncMiddleware, Sendable {
    private let count = NIOLockedValueBox(0)

    var current: Int { count.withLockedValue { $0 } }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        count.withLockedValue { $0 += 1 }
        defer { count.withLockedValue { $0 -= 1 } }
        return try await next.respond(to: request)
    }
}

struct InFlightRequestsKey: StorageKey {
    typealias Value = InFlightRequests
}

extension Application {
    /// The instance's count of requests under way.
    var inFlight: InFlightRequests {
        if let known = storage[InFlightRequestsKey.self] { return known }
        let made = InFlightRequests()
        storage[InFlightRequestsKey.self] = made
        return made
    }

    /// After SIGTERM: stops taking connections and lets the requests under way finish, for at most
    /// the server's shutdown timeout (10 s), with the database still open. Returns how many were
    /// still running: the caller then exits without closing the database under them.
    public func drain() async -> Int {
        instanceCaches.signIns.stopWaiting()
        await server.shutdown()
        // The server's close waits for its connections; a response may still be on its way out.
        let deadline = ContinuousClock.now + .seconds(1)
        while inFlight.current > 0, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        return inFlight.current
    }
}
