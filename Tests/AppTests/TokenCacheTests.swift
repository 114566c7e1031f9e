import Foundation
import Testing

@testable import App

@Suite struct TokenCacheTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let user = User(id: UUID(), email: "a@example.eu", passwordHash: "x", name: "A", role: .coordinator)

    @Test func anAccountIsRememberedBrieflyAndHandedOutFresh() throws {
        let cache = TokenCache()
        cache.remember("digest", TokenCache.Account(user, tokenID: UUID(), expiresAt: now.addingTimeInterval(3600)), now: now)
        let first = try #require(cache.account(for: "digest", now: now.addingTimeInterval(1))?.user())
        let second = try #require(cache.account(for: "digest", now: now.addingTimeInterval(1))?.user())
        #expect(first !== second)
        #expect(first.id == user.id && first.role == .coordinator && first.$id.exists)
        #expect(cache.account(for: "digest", now: now.addingTimeInterval(TokenCache.lifetime + 0.1)) == nil)
    }

    @Test func anExpiredTokenOrAForgottenOneIsNotAnswered() {
        let cache = TokenCache()
        cache.remember("old", TokenCache.Account(user, tokenID: UUID(), expiresAt: now.addingTimeInterval(0.5)), now: now)
        #expect(cache.account(for: "old", now: now.addingTimeInterval(1)) == nil)
        cache.remember("new", TokenCache.Account(user, tokenID: UUID(), expiresAt: now.addingTimeInterval(3600)), now: now)
        cache.forgetAll()
        #expect(cache.account(for: "new", now: now) == nil)
    }
}
