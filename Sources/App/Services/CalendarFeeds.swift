import Fluent
import ProgrammeRules
import Vapor

/// A person's private calendar (RFC 5545) of their exchanges, at a link holding a random token of
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
        let query = Exchange.query(on: db).filter(\.$phase !~ [.declined, .withdrawn, .cancelled])
        scope.restrict(query)
        let exchanges = try await query.with(\.$visitor).with(\.$host).all()
        var calendar = ICalendar(name: "ClusterXchange: \(caller.name)")
        for exchange in exchanges {
            guard let id = exchange.id else { continue }
            calendar.allDay(
                uid: "exchange-\(id)@clusterxchange", start: exchange.start, end: exchange.end,
                summary: "\(exchange.visitor.name) at \(exchange.host.name)",
                description: "\(exchange.requestTitle) — \(exchange.phase.words)", url: "\(context.linkBase)/exchanges/\(id)",
                location: "\(exchange.host.city), \(CountryRegistry.cosme.name(of: exchange.host.country))",
                stamp: exchange.updatedAt ?? context.clock.now)
        }
        return calendar.text
    }
}

extension ServiceContext {
    var calendars: CalendarFeeds { CalendarFeeds(context: self) }
}
