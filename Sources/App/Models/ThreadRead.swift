import Fluent
import Vapor

/// How far a person has read a thread, for unread counts.
final class ThreadRead: Model, @unchecked Sendable {
    static let schema = "thread_reads"

    @ID(key: .id) var id: UUID?
    @Parent(key: "thread_id") var thread: MessageThread
    @Parent(key: "user_id") var user: User
    @Field(key: "read_at") var readAt: Date

    init() {}
}
