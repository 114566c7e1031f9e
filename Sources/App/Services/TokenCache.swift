import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Bearer tokens' accounts, briefly. Each request gets a fresh `User`, never a shared one.
final class TokenCache: Sendable {
    struct Account: Sendable {
        let id: UUID?
        let tokenID: UUID
        let email: String
        let passwordHash: String
        let name: String
        let role: User.Role
        let emailConfirmedAt: Date?
        let expiresAt: Date

        init(_ user: User, tokenID: UUID, expiresAt: Date) {
            id = user.id
            self.tokenID = tokenID
            email = user.email
            passwordHash = user.passwordHash
            name = user.name
            role = user.role
            emailConfirmedAt = user.emailConfirmedAt
            self.expiresAt = expiresAt
        }

        func user() -> User {
            let user = User(id: id, email: email, passwordHash: passwordHash, name: name, role: role)
            user.emailConfirmedAt = emailConfirmedAt
            user.$id.exists = true
            return user
        }
    }

    static let lifetime: TimeInterval = 2
    static let capacity = 10_000
    private let entries = NIOLockedValueBox<[String: (account: Account, until: Date)]>([:])

    func account(for digest: String, now: Date = Date()) -> Account? {
        entries.withLockedValue { entries in
            guard let entry = entries[digest], entry.until > now, entry.account.expiresAt > now else { return nil }
            return entry.account
        }
    }

    func remember(_ digest: String, _ account: Account, now: Date = Date()) {
        entries.withLockedValue { entries in
            if entries.count >= Self.capacity { entries = entries.filter { $0.value.until > now } }
            if entries.count >= Self.capacity { entries.removeAll() }
            entries[digest] = (account, now.addingTimeInterval(Self.lifetime))
        }
    }

    /// Forgets every token at once (after this instance revokes some).
    func forgetAll() {
        entries.withLockedValue { $0.removeAll() }
    }
}

extension Application {
    var tokenCache: TokenCache {
        if let cache = storage[TokenCacheKey.self] { return cache }
        let cache = TokenCache()
        storage[TokenCacheKey.self] = cache
        return cache
    }
}
