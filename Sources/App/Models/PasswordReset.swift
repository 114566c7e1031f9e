import Fluent
import Vapor

/// A password-reset link. Only the token's digest is stored; a link works once, for an hour.
final class PasswordReset: Model, @unchecked Sendable {
    static let schema = "password_resets"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "digest") var digest: String
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(userID: UUID, digest: String, expiresAt: Date) {
        self.$user.id = userID
        self.digest = digest
        self.expiresAt = expiresAt
    }
}
