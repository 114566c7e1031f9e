import Foundation
import Vapor

/// Where an event's places stand, and where the caller stands in them.
struct AttendanceDTO: Content, Sendable, Equatable {
    /// How many people it takes; nil for no limit.
    let places: Int?
    /// People with a place.
    let registered: Int
    /// People on the waiting list.
    let waiting: Int
    /// The caller's registration: "registered", "waiting", or nil.
    let yours: EventRegistration.Status?
    /// The caller's place in the waiting list, from 1.
    let position: Int?
    /// Whether people may still register (published and not over).
    let open: Bool
    /// The length of the one-to-one meetings between participants; nil for none.
    let meetingMinutes: Int?
    /// Whether the caller may see who comes (those registered, its organisers and moderators).
    let seesAttendees: Bool
    /// What happened, for a person: "You are registered for …".
    var message: String? = nil
}

/// Someone registered for an event, as the others registered see them. `id` is the registration's,
/// never the person's account.
struct AttendeeDTO: Content, Sendable, Equatable {
    let id: UUID
    let name: String
    let organisations: [String]
    let isYou: Bool
    /// Where their photo is read, if they have one.
    let photo: String?
}

/// A one-to-one meeting at an event, as one of its two people sees it.
struct MeetingDTO: Content, Sendable, Equatable {
    let id: UUID
    let event: UUID
    /// The other person and their organisations.
    let with: String
    let withOrganisations: [String]
    let startsAt: Date
    let endsAt: Date
    /// "Wednesday 12 May 2027, 10:30 to 11:00", in the event's time zone.
    let when: String
    let status: EventMeeting.Status
    let statusWords: String
    /// The caller asked for it (otherwise the other person did).
    let youAsked: Bool
    let note: String?
    let mayAccept: Bool
    let mayDecline: Bool
    let mayCancel: Bool
}

/// Asking someone registered for the same event for a meeting.
struct MeetingInput: Content, Sendable {
    /// The other person's attendee id (`AttendeeDTO.id`).
    var with: UUID?
    /// One of the event's meeting slots, as an instant (ISO 8601).
    var start: Date?
    /// What to talk about, at most 500 bytes.
    var note: String?
}
