import Fluent
import Foundation

/// One-to-one meetings between people registered for the same event, in its meeting slots
/// (`MeetingSlots`): one asks, the other accepts or declines, either cancels; each is told. Nobody
/// holds two meetings in one slot: the check and the write happen under the event's lock.
struct EventMeetings {
    let context: ServiceContext

    private var db: any Database { context.db }

    static let maximumNoteBytes = 500
    /// Open requests one person may have at one event.
    static let maximumOpenRequests = 20

    /// The event's meeting slots still to come; none when it has no meetings.
    func slots(of event: Publication) -> [Date] {
        guard let minutes = event.meetingMinutes, let start = event.startsAt, let end = event.endsAt,
            let zone = EventTime.zone(event.timeZone ?? "")
        else { return [] }
        let now = context.clock.now
        return MeetingSlots.starts(from: start, to: end, zone: zone, minutes: minutes).filter { $0 > now }
    }

    /// The slots still free for the caller (no meeting asked or agreed then).
    func freeSlots(of event: Publication) async throws -> [Date] {
        let caller = try context.signedIn()
        let busy = Set(try await holding(caller.id, at: try event.requireID(), on: db).map(\.startsAt))
        return slots(of: event).filter { !busy.contains($0) }
    }

    /// The caller's meetings at the event, soonest first.
    func mine(at eventID: UUID) async throws -> [MeetingDTO] {
        try await mine(at: try await context.publications.find(eventID, .events))
    }

    /// The same for an event already read (the person's data export reads it whatever its state:
    /// an event hidden since still holds their meetings).
    func mine(at event: Publication) async throws -> [MeetingDTO] {
        let caller = try context.signedIn()
        let eventID = try event.requireID()
        let rows = try await EventMeeting.query(on: db).filter(\.$event.$id == eventID)
            .group(.or) { $0.filter(\.$requester.$id == caller.id).filter(\.$invitee.$id == caller.id) }
            .sort(\.$startsAt).with(\.$requester).with(\.$invitee).all()
        let others = rows.map { $0.$requester.id == caller.id ? $0.$invitee.id : $0.$requester.id }
        let organisations = try await context.attendance.organisationNames(of: others)
        return try rows.map { try view($0, for: caller.id, event: event, organisations: organisations) }
    }

    /// Asks another person registered for the event for a meeting in one of its free slots.
    func request(at eventID: UUID, _ input: MeetingInput) async throws -> MeetingDTO {
        let caller = try context.signedIn()
        let event = try await context.publications.find(eventID, .events)
        guard let minutes = event.meetingMinutes else {
            throw AppError.conflict("event", "no-meetings", "this event has no one-to-one meetings")
        }
        guard try await context.attendance.registration(of: caller.id, at: eventID)?.status == .registered else {
            throw AppError.conflict(
                "event", "not-registered", "register for the event first: people with a place book meetings")
        }
        var c = InputChecker()
        let note = c.text(input.note, "note", required: false, max: Self.maximumNoteBytes)
        var invitee: EventRegistration?
        if let with = input.with {
            invitee = try await EventRegistration.query(on: db).filter(\.$id == with).filter(\.$event.$id == eventID)
                .filter(\.$status == .registered).with(\.$user).first()
            if invitee == nil { c.fail("with", "attendee", "Choose someone registered for this event.") }
            if invitee?.$user.id == caller.id { c.fail("with", "not-yourself", "Choose someone other than yourself.") }
        } else {
            c.fail("with", "required", "Choose whom to meet.")
        }
        if let start = input.start {
            if !slots(of: event).contains(start) {
                c.fail("start", "meeting-slot", "Choose one of the event's meeting times still to come.")
            }
        } else {
            c.fail("start", "required", "Choose a time.")
        }
        guard c.problems.isEmpty, let invitee, let start = input.start else { throw AppError.invalid(c.problems) }
        try await context.rateLimiter.spend(.meetingRequestPerPerson, for: caller.id.uuidString)
        let open = try await EventMeeting.query(on: db).filter(\.$event.$id == eventID).filter(\.$requester.$id == caller.id)
            .filter(\.$status == .requested).count()
        guard open < Self.maximumOpenRequests else {
            throw AppError.conflict(
                "with", "too-many",
                "you have \(Self.maximumOpenRequests) meetings waiting for an answer here: wait for some first")
        }
        let meeting = EventMeeting()
        meeting.$event.id = eventID
        meeting.$requester.id = caller.id
        meeting.$invitee.id = invitee.$user.id
        meeting.startsAt = start
        meeting.endsAt = start.addingTimeInterval(Double(minutes) * 60)
        meeting.status = .requested
        meeting.note = note.isEmpty ? nil : note
        let when = Self.when(meeting, event)
        let inviteeName = invitee.user.name
        let from = try await context.attendance.organisationNames(of: [caller.id])[caller.id] ?? []
        let linkBase = context.linkBase
        try await WriteLock.run(row: Publication.schema, eventID, on: db) { tx in
            if try await Self.holding(caller.id, at: eventID, on: tx).contains(where: { $0.startsAt == start }) {
                throw AppError.conflict("start", "busy", "you already have a meeting then: choose another time")
            }
            if try await Self.holding(invitee.$user.id, at: eventID, on: tx).contains(where: { $0.startsAt == start }) {
                throw AppError.conflict("start", "busy", "\(inviteeName) already has a meeting then: choose another time")
            }
            try await meeting.create(on: tx)
            let who = from.isEmpty ? caller.name : "\(caller.name) (\(from.joined(separator: ", ")))"
            try await Notifier(db: tx, linkBase: linkBase).tell(
                [invitee.$user.id], subject: "\(caller.name) asks to meet you at \(event.title)",
                text: "\(who) asks to meet you at \(event.title), \(when)."
                    + (meeting.note.map { " About: \($0)" } ?? "") + " Accept or decline it on the event's page.",
                link: "/events/\(eventID)#meetings")
        }
        meeting.$requester.value = try await User.find(caller.id, on: db)
        meeting.$invitee.value = invitee.user
        return try view(
            meeting, for: caller.id, event: event, organisations: [invitee.$user.id: try await organisations(invitee.$user.id)])
    }

    enum Answer: String, CaseIterable, Sendable {
        case accept
        case decline
        case cancel
    }

    /// The invitee accepts or declines; either cancels. The other person is told.
    func answer(at eventID: UUID, meeting meetingID: UUID, _ answer: Answer) async throws -> MeetingDTO {
        let caller = try context.signedIn()
        let event = try await context.publications.find(eventID, .events)
        guard
            let meeting = try await EventMeeting.query(on: db).filter(\.$id == meetingID).filter(\.$event.$id == eventID)
                .with(\.$requester).with(\.$invitee).first(),
            meeting.$requester.id == caller.id || meeting.$invitee.id == caller.id
        else { throw AppError.notFound("There is no such meeting here.") }
        let asked = meeting.$requester.id == caller.id
        let other = asked ? meeting.invitee : meeting.requester
        let otherID = try other.requireID()
        switch answer {
        case .accept, .decline:
            guard !asked else { throw AppError.forbidden("Only the person asked accepts or declines a meeting.") }
            guard meeting.status == .requested else {
                throw AppError.conflict("meeting", "answered", "this meeting is already \(meeting.status.words)")
            }
        case .cancel:
            guard meeting.status.holdsTheSlot else {
                throw AppError.conflict("meeting", "over", "this meeting is already \(meeting.status.words)")
            }
        }
        let when = Self.when(meeting, event)
        let title = event.title
        let linkBase = context.linkBase
        let start = meeting.startsAt
        try await WriteLock.run(row: Publication.schema, eventID, on: db) { tx in
            if answer == .accept {
                let others = try await Self.holding(caller.id, at: eventID, on: tx)
                    .filter { $0.status == .accepted && $0.startsAt == start && $0.id != meetingID }
                guard others.isEmpty else {
                    throw AppError.conflict(
                        "meeting", "busy", "you already have a meeting then: decline this one or cancel the other")
                }
            }
            // What it becomes, and what the other person is told.
            let (status, subject, text): (EventMeeting.Status, String, String) =
                switch answer {
                case .accept:
                    (
                        .accepted, "Meeting agreed",
                        "\(caller.name) agreed to meet you at \(title), \(when). It is in your private calendar."
                    )
                case .decline:
                    (
                        .declined, "Meeting declined",
                        "\(caller.name) cannot meet you at \(title), \(when). Ask someone else, or another time."
                    )
                case .cancel: (.cancelled, "Meeting cancelled", "\(caller.name) cancelled your meeting at \(title), \(when).")
                }
            meeting.status = status
            try await meeting.update(on: tx)
            try await Notifier(db: tx, linkBase: linkBase).tell(
                [otherID], subject: "\(subject) at \(title)", text: text, link: "/events/\(eventID)#meetings")
        }
        return try view(meeting, for: caller.id, event: event, organisations: [otherID: try await organisations(otherID)])
    }

    /// When someone gives up their place: their meetings there end, and the other people are told.
    static func cancelAll(
        of caller: Caller, at eventID: UUID, title: String, now: Date, notifier: Notifier, on tx: any Database
    ) async throws {
        for meeting in try await holding(caller.id, at: eventID, on: tx) {
            meeting.status = .cancelled
            try await meeting.update(on: tx)
            guard meeting.startsAt > now else { continue }
            let other = meeting.$requester.id == caller.id ? meeting.$invitee.id : meeting.$requester.id
            try await notifier.tell(
                [other], subject: "Meeting cancelled at \(title)",
                text: "\(caller.name) no longer comes to \(title): your meeting with them is cancelled.",
                link: "/events/\(eventID)#meetings")
        }
    }

    /// The person's meetings at the event that hold their slot (asked or agreed).
    private static func holding(_ userID: UUID, at eventID: UUID, on db: any Database) async throws -> [EventMeeting] {
        try await EventMeeting.query(on: db).filter(\.$event.$id == eventID)
            .group(.or) { $0.filter(\.$requester.$id == userID).filter(\.$invitee.$id == userID) }
            .filter(\.$status ~~ [.requested, .accepted]).all()
    }

    private func holding(_ userID: UUID, at eventID: UUID, on db: any Database) async throws -> [EventMeeting] {
        try await Self.holding(userID, at: eventID, on: db)
    }

    private func organisations(_ userID: UUID) async throws -> [String] {
        try await context.attendance.organisationNames(of: [userID])[userID] ?? []
    }

    /// "Wednesday 12 May 2027, 10:30 to 11:00 (Europe/Brussels)".
    static func when(_ meeting: EventMeeting, _ event: Publication) -> String {
        let zoneName = event.timeZone ?? "UTC"
        let zone = EventTime.zone(zoneName) ?? .gmt
        return "\(EventTime.words(meeting.startsAt, in: zone)) to \(EventTime.clock(meeting.endsAt, in: zone)) (\(zoneName))"
    }

    private func view(_ meeting: EventMeeting, for userID: UUID, event: Publication, organisations: [UUID: [String]]) throws
        -> MeetingDTO
    {
        let asked = meeting.$requester.id == userID
        let other = asked ? meeting.invitee : meeting.requester
        let future = meeting.startsAt > context.clock.now
        return MeetingDTO(
            id: try meeting.requireID(), event: meeting.$event.id, with: other.name,
            withOrganisations: organisations[try other.requireID()] ?? [], startsAt: meeting.startsAt,
            endsAt: meeting.endsAt, when: Self.when(meeting, event), status: meeting.status, statusWords: meeting.status.words,
            youAsked: asked, note: meeting.note, mayAccept: !asked && meeting.status == .requested && future,
            mayDecline: !asked && meeting.status == .requested, mayCancel: meeting.status.holdsTheSlot && future)
    }
}

extension ServiceContext {
    var meetings: EventMeetings { EventMeetings(context: self) }
}
