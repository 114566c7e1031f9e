import Fluent
import NIOConcurrencyHelpers
import Vapor

/// Checking passwords, with throttling: after `maximumFailures` failed attempts for one e-mail in
/// `window`, further attempts are refused with 429 until the window has passed. Attempts are kept
/// in the database, so every app instance sees the same count.
enum Authentication {
    static let maximumFailures = 5
    static let window: TimeInterval = 15 * 60

    static func verify(email: String, password: String, on database: any Database, hasher: AsyncPasswordHasher, now: Date = Date()) async throws -> User {
        let email = User.normalise(email: email)
        let since = now.addingTimeInterval(-window)
        let failures = try await LoginAttempt.query(on: database)
            .filter(\.$email == email).filter(\.$succeeded == false).filter(\.$at >= since).count()
        if failures >= maximumFailures {
            throw Abort(.tooManyRequests, headers: ["Retry-After": String(Int(window))],
                reason: "Too many failed sign-ins for this e-mail; try again in 15 minutes.", identifier: "login-throttled")
        }
        let user = try await User.find(email: email, on: database)
        // Hash even when the account does not exist, so timing does not tell which e-mails have accounts.
        let matches = try await hasher.verify(password, created: user?.passwordHash ?? dummyHash)
        try await LoginAttempt(email: email, succeeded: matches && user != nil, at: now).save(on: database)
        guard let user, matches else {
            throw InputProblem(field: "password", rule: "invalid-credentials", "the e-mail or the password is wrong", status: .unauthorized)
        }
        return user
    }

    /// A bcrypt hash of a random string, compared against when the e-mail is unknown.
    private static let dummyHash = (try? Bcrypt.hash(UUID().uuidString)) ?? ""
}

/// `Authorization: Bearer TOKEN` for the API. A token's account is remembered for two seconds
/// (docs/decisions/0014): an API client calling in a loop costs one query every two seconds, not
/// one per call; a revoked token or a changed role takes effect within that time everywhere,
/// and at once in the instance that revoked it.
struct BearerTokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        let digest = UserToken.digest(of: bearer.token)
        let cache = request.application.tokenCache
        if let account = cache.account(for: digest) {
            request.auth.login(account.user())
            return
        }
        // One query: the token joined to its account.
        guard let token = try await UserToken.query(on: request.db)
            .join(User.self, on: \UserToken.$user.$id == \User.$id)
            .filter(\.$digest == digest).first(),
            token.expiresAt > Date()
        else { return }
        let user = try token.joined(User.self)
        cache.remember(digest, TokenCache.Account(user, expiresAt: token.expiresAt))
        request.auth.login(user)
    }
}

/// Bearer tokens' accounts, briefly. Each request gets a fresh `User`, never a shared one.
final class TokenCache: Sendable {
    struct Account: Sendable {
        let id: UUID?
        let email: String
        let passwordHash: String
        let name: String
        let role: User.Role
        let expiresAt: Date

        init(_ user: User, expiresAt: Date) {
            id = user.id
            email = user.email
            passwordHash = user.passwordHash
            name = user.name
            role = user.role
            self.expiresAt = expiresAt
        }

        func user() -> User {
            let user = User(id: id, email: email, passwordHash: passwordHash, name: name, role: role)
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

struct TokenCacheKey: StorageKey {
    typealias Value = TokenCache
}

extension Application {
    var tokenCache: TokenCache {
        if let cache = storage[TokenCacheKey.self] { return cache }
        let cache = TokenCache()
        storage[TokenCacheKey.self] = cache
        return cache
    }
}

extension User: ModelSessionAuthenticatable {}
