import Fluent
import Vapor

/// A person with an account. What they may do follows from `role` and their links: the
/// organisations they belong to (`Membership`) and the partnerships they coordinate.
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    // Identity
    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "password_hash") var passwordHash: String

    // Data
    @Field(key: "name") var name: String
    @Field(key: "role") var role: Role
    /// Set when the person followed the link in the confirmation e-mail; nil: the account waits.
    @OptionalField(key: "email_confirmed_at") var emailConfirmedAt: Date?
    /// The person's photo (a `StoredFile`, resized JPEG), if one was uploaded.
    @OptionalField(key: "photo_id") var photoID: UUID?

    // Timestamps
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    enum Role: String, Codable, CaseIterable, Sendable {
        /// The programme's support office.
        case admin
        /// Coordinates one or more partnerships.
        case coordinator
        /// A member of an organisation.
        case participant
    }

    init() {}

    init(id: UUID? = nil, email: String, passwordHash: String, name: String, role: Role) {
        self.id = id
        self.email = User.normalise(email: email)
        self.passwordHash = passwordHash
        self.name = name
        self.role = role
    }

    /// Emails compare without case and surrounding spaces.
    static func normalise(email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}

extension User: Authenticatable {}
