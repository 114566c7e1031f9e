import Fluent
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

/// `Authorization: Bearer TOKEN` for the API.
struct BearerTokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        // One query: the token joined to its account (every API call pays for this).
        guard let token = try await UserToken.query(on: request.db)
            .join(User.self, on: \UserToken.$user.$id == \User.$id)
            .filter(\.$digest == UserToken.digest(of: bearer.token)).first(),
            token.expiresAt > Date()
        else { return }
        request.auth.login(try token.joined(User.self))
    }
}

extension User: ModelSessionAuthenticatable {}
