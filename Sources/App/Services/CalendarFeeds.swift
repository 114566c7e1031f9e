import Fluent
import ProgrammeRules
import Vapor

/// A person's private calendar (RFC 5545) of their exchanges' stays and their own deadlines, the
/// events they registered for or are interested in and their meetings there, at a link holding a random token of
/// which only the digest is kept; a new link revokes the old one.
struct CalendarFeeds {
    let context: ServiceContext

    private var db: any Database { context.db }

    /// A new private link (shown once), replacing any earlier one.
    func newLink() async throws -> String {
        let caller = try context.signedIn()
        let token = SecretToken.generate()
        try await db.transaction { tx in
            try await CalendarToken.query(on: tx).filter(\.$user.$id == caller.id).delete()
            let row = CalendarToken()
            row.$user.id = caller.id
            row.digest = SecretToken.digest(token)
            try await row.create(on: tx)
        }
        return "\(context.linkBase)/calendar/\(token).ics"
    }

    func revoke() async throws {
        let caller = try context.signedIn()
        try await CalendarToken.query(on: db).filter(\.$user.$id == caller.id).delete()
    }

    func hasLink() async throws -> Bool {
        guard let caller = context.caller else { return false }
        return try await CalendarToken.query(on: db).filter(\.$user.$id == caller.id).first() != nil
    }

    /// The calendar of the person whose token this is; 404 for any other token.
    func feed(token: String) async throws -> String {
        guard SecretToken.isWellFormed(token),
            let row = try await CalendarToken.query(on: db).filter(\.$digest == SecretToken.digest(token)).with(\.$user).first(),
            let caller = Caller(row.user)
        else { throw AppError.notFound("There is no such calendar.") }
        let scope = try await ExchangeScope.of(caller, on: db)
        let query = Exchange.query(on: db).filter(\.$phase !~ [.declined, .withdrawn, .cancelled]).sort(\.$start, .descending)
        scope.restrict(query)
        let exchanges = try await query.with(\.$host).limit(1_000).all()
        let cities = Dictionary(
            exchanges.compactMap { e in e.id.map { ($0, "\(e.host.city), \(CountryRegistry.cosme.name(of: e.host.country))") } },
            uniquingKeysWith: { first, _ in first })
        let views = try await ExchangeViews(context: context.acting(as: caller), scope: scope).views(exchanges)
        var calendar = ICalendar(name: "ClusterXchange: \(caller.name)")
        let stamp = context.clock.now
        for view in views {
            let link = "\(context.linkBase)/exchanges/\(view.id)"
            calendar.allDay(
                uid: "exchange-\(view.id)@clusterxchange", start: view.start, end: view.end,
                summary: "\(view.visitorName) at \(view.hostName)", description: "\(view.requestTitle): \(view.phaseWords)",
                url: link,
                location: cities[view.id] ?? "", stamp: stamp)
            // The caller's own deadline on it, if any.
            if let next = view.next, let by = next.by, !Set(next.who).isDisjoint(with: view.roles) {
                calendar.allDay(
                    uid: "exchange-\(view.id)-due@clusterxchange", start: by, end: by,
                    summary: "Due: \(next.what) (\(view.visitorName) at \(view.hostName))", description: next.what, url: link,
                    location: "", stamp: stamp)
            }
        }
        // The events the person registered for (with a place) or said they are interested in.
        let followed = try await Follow.query(on: db).filter(\.$user.$id == caller.id).filter(\.$kind == .event).all()
            .compactMap { UUID(uuidString: $0.target) }
        let registered = try await EventRegistration.query(on: db).filter(\.$user.$id == caller.id)
            .filter(\.$status == .registered).all().map(\.$event.id)
        let events = Array(Set(followed + registered))
        if !events.isEmpty {
            for event in try await Publication.query(on: db).filter(\.$id ~~ events).filter(\.$status == .published)
                .with(\.$organisation).all()
            {
                guard let item = try? Publications.event(event) else { continue }
                calendar.timed(
                    uid: "event-\(item.id.uuidString.lowercased())@clusterxchange", start: item.startsAt, end: item.endsAt,
                    summary: item.title, description: "\(item.organisationName). \(item.description)",
                    url: context.linkBase + item.url,
                    location: [item.place, item.online].compactMap { $0 }.joined(separator: " · "),
                    stamp: stamp)
            }
        }
        // The one-to-one meetings the person agreed at events.
        let meetings = try await EventMeeting.query(on: db).filter(\.$status == .accepted)
            .group(.or) { $0.filter(\.$requester.$id == caller.id).filter(\.$invitee.$id == caller.id) }
            .with(\.$event).with(\.$requester).with(\.$invitee).limit(1_000).all()
        for meeting in meetings {
            guard let id = meeting.id else { continue }
            let other = meeting.$requester.id == caller.id ? meeting.invitee : meeting.requester
            calendar.timed(
                uid: "meeting-\(id.uuidString.lowercased())@clusterxchange", start: meeting.startsAt, end: meeting.endsAt,
                summary: "Meeting with \(other.name) (\(meeting.event.title))",
                description: meeting.note.map { "About: \($0)" } ?? "A one-to-one meeting at \(meeting.event.title).",
                url: "\(context.linkBase)/events/\(meeting.$event.id)#meetings",
                location: [meeting.event.place, meeting.event.online].compactMap { $0 }.joined(separator: " · "), stamp: stamp)
        }
        return calendar.text
    }
}

extension ServiceContext {
    var calendars: CalendarFeeds { CalendarFeeds(context: self) }
}
