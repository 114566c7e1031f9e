import Fluent
import Vapor

/// A conversation between the members of two organisations, about an organisation, an offer, a
/// request, a suggestion or an exchange.
final class MessageThread: Model, @unchecked Sendable {
    static let schema = "message_threads"

    @ID(key: .id) var id: UUID?
    /// The organisation that started it, and the one it was addressed to.
    @Parent(key: "from_id") var from: Organisation
    @Parent(key: "to_id") var to: Organisation
    @Field(key: "subject") var subject: String
    /// What it is about, as a path on this site ("/offers/…"), if anything.
    @OptionalField(key: "about") var about: String?
    @Field(key: "last_message_at") var lastMessageAt: Date
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
