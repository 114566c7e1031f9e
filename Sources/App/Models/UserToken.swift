import Fluent
import Vapor

/// An API token. Only its SHA-256 digest is stored: a database leak reveals no usable token.
final class UserToken: Model, @unchecked Sendable {
    static let schema = "user_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "digest") var digest: String
    @Field(key: "expires_at") var expiresAt: Date
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(userID: UUID, digest: String, expiresAt: Date) {
        self.$user.id = userID
        self.digest = digest
        self.expiresAt = expiresAt
    }

    static func digest(of token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A new random token (256 bits, URL-safe) and its row.
    static func issue(for userID: UUID, lifetime: TimeInterval = 30 * 24 * 3600) -> (token: String, model: UserToken) {
        let bytes = [UInt8].random(count: 32)
        let token = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return (token, UserToken(userID: userID, digest: digest(of: token), expiresAt: Date().addingTimeInterval(lifetime)))
    }
}

/// A failed or successful sign-in, for throttling guessers.
final class LoginAttempt: Model, @unchecked Sendable {
    static let schema = "login_attempts"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "succeeded") var succeeded: Bool
    @Field(key: "at") var at: Date

    init() {}

    init(email: String, succeeded: Bool, at: Date = Date()) {
        self.email = email
        self.succeeded = succeeded
        self.at = at
    }
}
