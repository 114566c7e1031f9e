import Fluent
import Vapor

/// One message of a thread, by a person writing for one of the two organisations.
final class Message: Model, @unchecked Sendable {
    static let schema = "messages"

    @ID(key: .id) var id: UUID?
    @Parent(key: "thread_id") var thread: MessageThread
    @Parent(key: "sender_id") var sender: User
    @Parent(key: "organisation_id") var organisation: Organisation
    @Field(key: "body") var body: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
