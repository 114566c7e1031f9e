import Foundation
import NIOConcurrencyHelpers
import Vapor

/// What one request reads more than once, read once: the caller's exchange scope (asked by
/// several parts of a page), the bell's counts and the data stamp (read with the session). Keyed by the caller,
/// so a context acting for someone else never sees another person's answer. Lives as long as
/// the request.
final class RequestMemo: Sendable {
    private let scopes = NIOLockedValueBox<[UUID: ExchangeScope]>([:])
    private let bellCounts = NIOLockedValueBox<(user: UUID, counts: Bell.Counts)?>(nil)
    private let dataStamp = NIOLockedValueBox<Int?>(nil)

    func scope(of caller: Caller) -> ExchangeScope? { scopes.withLockedValue { $0[caller.id] } }

    func keep(_ scope: ExchangeScope) { scopes.withLockedValue { $0[scope.caller.id] = scope } }

    /// The signed-in person's bell, as their session's query read it; nil once something they
    /// read may have changed it (then it is counted again).
    func bell(of user: UUID) -> Bell.Counts? { bellCounts.withLockedValue { $0?.user == user ? $0?.counts : nil } }

    func keep(_ bell: Bell.Counts, for user: UUID) { bellCounts.withLockedValue { $0 = (user, bell) } }

    func forgetBell() { bellCounts.withLockedValue { $0 = nil } }

    /// The data stamp (`DataStamp`) as the session's query read it, before anything else the
    /// request read: what the request reads afterwards is at least as new.
    var stamp: Int? { dataStamp.withLockedValue { $0 } }

    func keep(stamp: Int) { dataStamp.withLockedValue { $0 = stamp } }
}

struct RequestMemoKey: StorageKey {
    typealias Value = RequestMemo
}
