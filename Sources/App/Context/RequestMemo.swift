import Foundation
import NIOConcurrencyHelpers
import Vapor

/// What one request reads more than once, read once: the caller's exchange scope is asked by the
/// frame (bell and messages) and again by the page. Keyed by the caller, so a context acting for
/// someone else never sees another person's answer. Lives as long as the request.
final class RequestMemo: Sendable {
    private let scopes = NIOLockedValueBox<[UUID: ExchangeScope]>([:])

    func scope(of caller: Caller) -> ExchangeScope? { scopes.withLockedValue { $0[caller.id] } }

    func keep(_ scope: ExchangeScope) { scopes.withLockedValue { $0[scope.caller.id] = scope } }
}

struct RequestMemoKey: StorageKey {
    typealias Value = RequestMemo
}
