import Fluent
import Vapor

/// A link sent by e-mail that does one thing once: reset a password, confirm a new account or a
/// new address. The
/// token itself is made when the message leaves the outbox and is never stored: this row keeps
/// only its SHA-256 digest, so neither the outbox nor a database copy holds a usable link.
final class EmailLink: Model, @unchecked Sendable {
    static let schema = "email_links"

    enum Purpose: String, Codable, Sendable {
        case passwordReset = "password-reset"
        case confirmAccount = "confirm-account"
        case changeEmail = "change-email"

        /// The page the link opens.
        var path: String {
            switch self {
            case .passwordReset: "/password/reset"
            case .confirmAccount: "/register/confirm"
            case .changeEmail: "/account/email/confirm"
            }
        }

        var lifetime: TimeInterval {
            switch self {
            case .passwordReset: 3600
            case .confirmAccount, .changeEmail: 48 * 3600
            }
        }
    }

    // Identity
    @ID(key: .id) var id: UUID?

    // References
    @Parent(key: "user_id") var user: User

    // Data
    @Field(key: "purpose") var purpose: Purpose
    /// Nil until the message is sent.
    @OptionalField(key: "digest") var digest: String?
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    /// For a change of address: the address the link confirms (the link is sent there).
    @OptionalField(key: "new_email") var newEmail: String?

    // Timestamps
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(userID: UUID, purpose: Purpose, now: Date) {
        self.$user.id = userID
        self.purpose = purpose
        self.expiresAt = now.addingTimeInterval(purpose.lifetime)
    }
}
