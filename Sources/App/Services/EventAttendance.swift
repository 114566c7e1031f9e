import Fluent
import Foundation
import ProgrammeRules

/// Registration for events: a place while there are places, the waiting list after, served in
/// the order people joined it when someone cancels; and who comes, for those who come and the
/// organisers. Places are counted under a lock on the event (`WriteLock`), so parallel sign-ups
/// never take more places than there are.
struct EventAttendance {
    let context: ServiceContext

    private var db: any Database { context.db }

    /// The event's places and the caller's registration.
    func summary(_ eventID: UUID) async throws -> AttendanceDTO {
        try await summary(of: try await context.publications.find(eventID, .events))
    }

    func summary(of event: Publication, message: String? = nil) async throws -> AttendanceDTO {
        let id = try event.requireID()
        let rows = try await EventRegistration.query(on: db).filter(\.$event.$id == id)
            .sort(\.$createdAt).sort(\.$id).all()
        let waiting = rows.filter { $0.status == .waiting }
        let yours = context.caller.flatMap { caller in rows.first { $0.$user.id == caller.id } }
        return AttendanceDTO(
            places: event.places, registered: rows.count - waiting.count, waiting: waiting.count, yours: yours?.status,
            position: yours.flatMap { mine in waiting.firstIndex { $0.id == mine.id }.map { $0 + 1 } },
            open: isOpen(event), meetingMinutes: event.meetingMinutes,
            seesAttendees: try await seesAttendees(event, yours: yours?.status), message: message)
    }

    /// Published and not over: its end is still to come, and its last day (in its own time zone)
    /// is not before the platform's date.
    private func isOpen(_ event: Publication) -> Bool {
        guard event.status == .published, let end = event.endsAt, end > context.clock.now else { return false }
        guard let lastDay = event.localEnd.flatMap({ CalendarDate(iso: String($0.prefix(10))) }) else { return true }
        return lastDay >= context.clock.today
    }

    /// Those registered, the organiser's members and its partnership's moderators see who comes.
    private func seesAttendees(_ event: Publication, yours: EventRegistration.Status?) async throws -> Bool {
        guard let caller = context.caller else { return false }
        if yours == .registered || caller.isAdmin { return true }
        if try await context.permissions.isMember(of: event.$organisation.id) { return true }
        return try await context.permissions.coordinates(event.organisation.$partnership.id)
    }

    /// A place if one is left, otherwise the end of the waiting list; asking again changes nothing.
    func register(_ eventID: UUID) async throws -> AttendanceDTO {
        let caller = try context.signedIn()
        let event = try await context.publications.find(eventID, .events)
        guard event.status == .published else {
            throw AppError.conflict("event", "not-published", "this event is not published yet: nobody registers for it")
        }
        guard isOpen(event) else { throw AppError.conflict("event", "over", "this event is over") }
        if let existing = try await registration(of: caller.id, at: eventID) {
            return try await summary(of: event, message: Self.said(existing.status, event.title))
        }
        try await context.rateLimiter.spend(.registrationPerPerson, for: caller.id.uuidString)
        let places = event.places
        let status = try await WriteLock.run(row: Publication.schema, eventID, on: db) { tx in
            if let existing = try await EventRegistration.query(on: tx).filter(\.$event.$id == eventID)
                .filter(\.$user.$id == caller.id).first()
            {
                return existing.status
            }
            let taken = try await EventRegistration.query(on: tx).filter(\.$event.$id == eventID)
                .filter(\.$status == .registered).count()
            let hasRoom = places.map { taken < $0 } ?? true
            let status: EventRegistration.Status = hasRoom ? .registered : .waiting
            try await EventRegistration(eventID: eventID, userID: caller.id, status: status).create(on: tx)
            return status
        }
        return try await summary(of: event, message: Self.said(status, event.title))
    }

    static func said(_ status: EventRegistration.Status, _ title: String) -> String {
        switch status {
        case .registered: "You are registered for \(title): it is in your private calendar."
        case .waiting: "\(title) is full: you are on its waiting list, and you will be told when a place frees up."
        }
    }

    /// Gives the place up (or leaves the waiting list); the first waiting takes a freed place and
    /// is told, and the caller's meetings at the event are cancelled, their other people told.
    func cancel(_ eventID: UUID) async throws -> AttendanceDTO {
        let caller = try context.signedIn()
        let event = try await context.publications.find(eventID, .events)
        guard try await registration(of: caller.id, at: eventID) != nil else {
            return try await summary(of: event, message: "You were not registered for \(event.title).")
        }
        let title = event.title
        let places = event.places
        let now = context.clock.now
        let linkBase = context.linkBase
        try await WriteLock.run(row: Publication.schema, eventID, on: db) { tx in
            guard
                let mine = try await EventRegistration.query(on: tx).filter(\.$event.$id == eventID)
                    .filter(\.$user.$id == caller.id).first()
            else { return }
            try await mine.delete(on: tx)
            let notifier = Notifier(db: tx, linkBase: linkBase)
            try await EventMeetings.cancelAll(of: caller, at: eventID, title: title, now: now, notifier: notifier, on: tx)
            guard mine.status == .registered, let places else { return }
            let taken = try await EventRegistration.query(on: tx).filter(\.$event.$id == eventID)
                .filter(\.$status == .registered).count()
            guard taken < places,
                let next = try await EventRegistration.query(on: tx).filter(\.$event.$id == eventID)
                    .filter(\.$status == .waiting).sort(\.$createdAt).sort(\.$id).first()
            else { return }
            next.status = .registered
            try await next.update(on: tx)
            try await notifier.tell(
                [next.$user.id], subject: "A place at \(title)",
                text: "A place at \(title) freed up and is yours: you are registered. It is in your private calendar.",
                link: "/events/\(eventID)")
        }
        return try await summary(of: event, message: "You are no longer registered for \(title).")
    }

    /// Who comes, by name, with their organisations; 403 for those who may not see it.
    func attendees(_ eventID: UUID) async throws -> [AttendeeDTO] {
        let caller = try context.signedIn()
        let event = try await context.publications.find(eventID, .events)
        let mine = try await registration(of: caller.id, at: eventID)
        guard try await seesAttendees(event, yours: mine?.status) else {
            throw AppError.forbidden("Only those registered and the event's organisers see who comes.")
        }
        let rows = try await EventRegistration.query(on: db).filter(\.$event.$id == eventID)
            .filter(\.$status == .registered).with(\.$user).all()
        let organisations = try await organisationNames(of: rows.map(\.$user.id))
        return rows.compactMap { row in
            guard let id = row.id else { return nil }
            return AttendeeDTO(
                id: id, name: row.user.name, organisations: organisations[row.$user.id] ?? [], isYou: row.$user.id == caller.id,
                photo: row.user.photoID.map(Pictures.photoPath(file:)))
        }.sorted { ($0.name.lowercased(), $0.id.uuidString) < ($1.name.lowercased(), $1.id.uuidString) }
    }

    func registration(of userID: UUID, at eventID: UUID) async throws -> EventRegistration? {
        try await EventRegistration.query(on: db).filter(\.$event.$id == eventID).filter(\.$user.$id == userID).first()
    }

    /// Each person's organisations (approved memberships), by name.
    func organisationNames(of userIDs: [UUID]) async throws -> [UUID: [String]] {
        guard !userIDs.isEmpty else { return [:] }
        let memberships = try await Membership.active(on: db).filter(\.$user.$id ~~ userIDs).with(\.$organisation).all()
        return Dictionary(grouping: memberships, by: { $0.$user.id }).mapValues { $0.map(\.organisation.name).sorted() }
    }
}

extension ServiceContext {
    var attendance: EventAttendance { EventAttendance(context: self) }
}
