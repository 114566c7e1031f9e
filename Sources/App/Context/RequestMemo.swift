import Foundation
import NIOConcurrencyHelpers
import Vapor

/// What one request reads more than once, read once: the caller's exchange scope (asked by
/// several parts of a page) and the bell's counts (read with the session). Keyed by the caller,
/// so a context acting for someone else never sees another person's answer. Lives as long as
/// the request.
final class RequestMemo: Sendable {
    private let scopes = NIOLockedValueBox<[UUID: ExchangeScope]>([:])
    private let bellCounts = NIOLockedValueBox<(user: UUID, counts: Bell.Counts)?>(nil)

    func scope(of caller: Caller) -> ExchangeScope? { scopes.withLockedValue { $0[caller.id] } }

    func keep(_ scope: ExchangeScope) { scopes.withLockedValue { $0[scope.caller.id] = scope } }

    /// The signed-in person's bell, as their session's query read it; nil once something they
    /// read may have changed it (then it is counted again).
    func bell(of user: UUID) -> Bell.Counts? { bellCounts.withLockedValue { $0?.user == user ? $0?.counts : nil } }

    func keep(_ bell: Bell.Counts, for user: UUID) { bellCounts.withLockedValue { $0 = (user, bell) } }

    func forgetBell() { bellCounts.withLockedValue { $0 = nil } }
}

struct RequestMemoKey: StorageKey {
    typealias Value = RequestMemo
}
