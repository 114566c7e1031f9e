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

    static let lifetime: TimeInterval = 30 * 24 * 3600

    init() {}

    init(userID: UUID, digest: String, expiresAt: Date) {
        self.$user.id = userID
        self.digest = digest
        self.expiresAt = expiresAt
    }

    /// A new random token and its row.
    static func issue(for userID: UUID, now: Date = Date()) -> (token: String, model: UserToken) {
        let token = SecretToken.generate()
        return (token, UserToken(userID: userID, digest: SecretToken.digest(token), expiresAt: now.addingTimeInterval(lifetime)))
    }
}
