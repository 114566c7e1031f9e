import Fluent
import Vapor

/// A person's private calendar link: only the digest of its token is kept; a new link revokes the old.
final class CalendarToken: Model, @unchecked Sendable {
    static let schema = "calendar_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "digest") var digest: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
