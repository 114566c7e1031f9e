import Fluent
import ProgrammeRules
import SQLKit
import Vapor

/// What the support office lands on: every partnership side by side (budget, progress, members,
/// waiting registrations, open exchanges, late payments), the people (by role) and the requests to
/// join waiting anywhere, the programme's settings and rate table, and the mail outbox.
struct SupportOfficeDashboard: Encodable {
    struct PartnershipRow: Encodable {
        let key: String
        let name: String
        let chart: BudgetChart
        let members: Int
        let waiting: Int
        let openExchanges: Int
        let latePayments: Int
        let coordinators: [String]
    }

    struct JoinRequest: Encodable {
        let organisation: String
        let organisationName: String
        let userID: UUID
        let name: String
        let email: String
    }

    /// The outbox in figures (`Mailroom.Counts`), and since when the oldest message waits.
    struct Outbox: Encodable {
        let counts: Mailroom.Counts
        let oldestWaiting: String?
        /// No mail server is set: nothing leaves, and each message is kept to read.
        let keptHere: Bool
    }

    let name: String
    let partnerships: [PartnershipRow]
    let queue: [Dashboards.QueueItem]
    let queueTotal: Int
    let people: [String: Int]
    let joinRequests: [JoinRequest]
    let settings: ProgrammeSettingsDTO
    let rateTable: String
    let outbox: Outbox
    let byPhase: [ExchangeDigest.PhaseCount]
    let latePayments: [ExchangeDigest.Item]
}

extension Dashboards {
    /// `mailKeptHere`: no mail server is set, so the outbox keeps each message to read.
    func supportOffice(mailKeptHere: Bool) async throws -> SupportOfficeDashboard {
        let caller = try context.signedIn()
        guard caller.isAdmin else { throw AppError.forbidden("Only the support office sees every partnership.") }
        // Some twenty small reads, independent of each other: asked together, so that on
        // PostgreSQL they run on several connections at once (on SQLite they queue for its one).
        let scope = try await context.exchangeScope()
        async let digestRead = ExchangeDigest.read(context, scope: scope)
        async let partnershipsRead = Partnership.query(on: db).sort(\.$name).all()
        async let fundedRead = Ledger.fundedCounts(on: db)
        async let membersRead = count(Organisation.schema, by: "partnership_id", where: "validation_status", is: "validated")
        async let waitingRead = count(Registration.schema, by: "partnership_id", where: "status", is: "submitted")
        async let exchangesRead = Exchange.query(on: db).filter(\.$phase !~ Array(ExchangeDigest.closed))
            .field(\.$id).field(\.$visitorPartnership.$id).field(\.$phase).field(\.$reportValidatedOn).all()
        async let coordinatorsRead = PartnershipCoordinator.query(on: db).with(\.$user).all()
        async let queueRead = queue(limit: 5)
        async let requestsRead = Membership.query(on: db).filter(\.$status == .requested).with(\.$user)
            .with(\.$organisation).limit(50).all()
        async let settingsRead = context.settings.current()
        async let peopleRead = people()
        async let outboxRead = outbox(keptHere: mailKeptHere)
        let partnerships = try await partnershipsRead
        let balances = try await Ledger.balances(of: partnerships, on: db)
        let (digest, funded, members, waiting) = try await (digestRead, fundedRead, membersRead, waitingRead)
        let (exchanges, coordinators, queue) = try await (exchangesRead, coordinatorsRead, queueRead)
        let today = context.clock.today
        let rows = partnerships.compactMap { partnership -> SupportOfficeDashboard.PartnershipRow? in
            guard let id = partnership.id, let balance = balances[id] else { return nil }
            let own = exchanges.filter { $0.$visitorPartnership.id == id }
            return SupportOfficeDashboard.PartnershipRow(
                key: partnership.key, name: partnership.name, chart: BudgetChart(balance, fundedExchanges: funded[id] ?? 0),
                members: members[id] ?? 0, waiting: waiting[id] ?? 0, openExchanges: own.count,
                latePayments: own.filter { $0.isPaymentLate(on: today) }.count,
                coordinators: coordinators.filter { $0.$partnership.id == id }.map(\.user.name).sorted())
        }
        let (requests, settings, people, outbox) = try await (requestsRead, settingsRead, peopleRead, outboxRead)
        return SupportOfficeDashboard(
            name: caller.name, partnerships: rows, queue: queue.items, queueTotal: queue.total, people: people,
            joinRequests: requests.compactMap { request in
                request.user.id.map {
                    .init(
                        organisation: request.organisation.key, organisationName: request.organisation.name, userID: $0,
                        name: request.user.name, email: request.user.email)
                }
            },
            settings: settings, rateTable: "\(settings.rateTable.name), version \(settings.rateTable.version)",
            outbox: outbox,
            byPhase: digest.byPhase, latePayments: digest.latePayments)
    }

    /// Rows of `table` per `column`, counting those where `field` is `value` (one grouped query).
    private func count(_ table: String, by column: String, where field: String, is value: String) async throws -> [UUID: Int] {
        let rows = try await db.sql().select().column(column).column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(table).where(SQLIdentifier(field), .equal, SQLBind(value)).where(SQLIdentifier(column), .isNot, SQLLiteral.null)
            .groupBy(column).all()
        var counts: [UUID: Int] = [:]
        for row in rows { counts[try row.decode(column: column, as: UUID.self)] = try row.decode(column: "n", as: Int.self) }
        return counts
    }

    /// Accounts by role, in words.
    private func people() async throws -> [String: Int] {
        let rows = try await db.sql().select().column("role").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(User.schema).groupBy("role").all()
        var people: [String: Int] = [:]
        for row in rows { people[try row.decode(column: "role", as: String.self)] = try row.decode(column: "n", as: Int.self) }
        return people
    }

    /// The mail outbox: what waits, what failed, what really left today and what was kept here.
    private func outbox(keptHere: Bool) async throws -> SupportOfficeDashboard.Outbox {
        async let counts = context.mailroom.counts()
        async let oldest = OutboxMessage.query(on: db).filter(\.$sentAt == nil).sort(\.$createdAt).first()
        let now = context.clock.now
        return SupportOfficeDashboard.Outbox(
            counts: try await counts, oldestWaiting: try await oldest.map { Self.age(since: $0.createdAt, now: now) },
            keptHere: keptHere)
    }
}
