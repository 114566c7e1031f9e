import Fluent
import Vapor

/// Something a person is told in the platform (the bell) and, most often, by e-mail too: what to do,
/// by when, with a link.
final class Notification: Model, @unchecked Sendable {
    static let schema = "notifications"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "text") var text: String
    /// A path on this site ("/exchanges/…").
    @Field(key: "link") var link: String
    @OptionalField(key: "read_at") var readAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(userID: UUID, text: String, link: String) {
        self.$user.id = userID
        self.text = String(text.prefix(500))
        self.link = link
    }
}
