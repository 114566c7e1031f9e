import Fluent
import Vapor

/// A one-to-one meeting between two people registered for an event, in one of its meeting slots:
/// asked by one, accepted or declined by the other, cancelled by either. Accepted meetings are in
/// both people's private calendars.
final class EventMeeting: Model, @unchecked Sendable {
    static let schema = "event_meetings"

    enum Status: String, Codable, Sendable, CaseIterable {
        case requested
        case accepted
        case declined
        case cancelled

        var words: String {
            switch self {
            case .requested: "asked, waiting for an answer"
            case .accepted: "agreed"
            case .declined: "declined"
            case .cancelled: "cancelled"
            }
        }

        /// Still holds its slot for both people.
        var holdsTheSlot: Bool { self == .requested || self == .accepted }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "event_id") var event: Publication
    @Parent(key: "requester_id") var requester: User
    @Parent(key: "invitee_id") var invitee: User
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "ends_at") var endsAt: Date
    @Field(key: "status") var status: Status
    /// What the requester wants to talk about, if said.
    @OptionalField(key: "note") var note: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
