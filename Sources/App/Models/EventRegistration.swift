import Fluent
import Vapor

/// A person's place at an event, or their place in its waiting list when the event is full. The
/// waiting list is served in the order people joined it (`createdAt`, then id).
final class EventRegistration: Model, @unchecked Sendable {
    static let schema = "event_registrations"

    enum Status: String, Codable, Sendable {
        /// Has a place.
        case registered
        /// Waits for a place to free up.
        case waiting
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "event_id") var event: Publication
    @Parent(key: "user_id") var user: User
    @Field(key: "status") var status: Status
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(eventID: UUID, userID: UUID, status: Status) {
        self.$event.id = eventID
        self.$user.id = userID
        self.status = status
    }
}
