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

    struct Outbox: Encodable {
        let waiting: Int
        let failing: Int
        let sentToday: Int
        let oldestWaiting: String?
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
    func supportOffice() async throws -> SupportOfficeDashboard {
        let caller = try context.signedIn()
        guard caller.isAdmin else { throw AppError.forbidden("Only the support office sees every partnership.") }
        let digest = try await ExchangeDigest.read(context, scope: try await context.exchangeScope())
        let partnerships = try await Partnership.query(on: db).sort(\.$name).all()
        let balances = try await Ledger.balances(of: partnerships, on: db)
        let funded = try await Ledger.fundedCounts(on: db)
        let members = try await count(Organisation.schema, by: "partnership_id", where: "validation_status", is: "validated")
        let waiting = try await count(Registration.schema, by: "partnership_id", where: "status", is: "submitted")
        let exchanges = try await Exchange.query(on: db).filter(\.$phase !~ Array(ExchangeDigest.closed))
            .field(\.$id).field(\.$visitorPartnership.$id).field(\.$phase).field(\.$reportValidatedOn).all()
        let today = context.clock.today
        let coordinators = try await PartnershipCoordinator.query(on: db).with(\.$user).all()
        let queue = try await queue(limit: 5)
        let rows = partnerships.compactMap { partnership -> SupportOfficeDashboard.PartnershipRow? in
            guard let id = partnership.id, let balance = balances[id] else { return nil }
            let own = exchanges.filter { $0.$visitorPartnership.id == id }
            return SupportOfficeDashboard.PartnershipRow(
                key: partnership.key, name: partnership.name, chart: BudgetChart(balance, fundedExchanges: funded[id] ?? 0),
                members: members[id] ?? 0, waiting: waiting[id] ?? 0, openExchanges: own.count,
                latePayments: own.filter { $0.isPaymentLate(on: today) }.count,
                coordinators: coordinators.filter { $0.$partnership.id == id }.map(\.user.name).sorted())
        }
        let requests = try await Membership.query(on: db).filter(\.$status == .requested).with(\.$user).with(\.$organisation)
            .limit(50).all()
        let settings = try await context.settings.current()
        return SupportOfficeDashboard(
            name: caller.name, partnerships: rows, queue: queue.items, queueTotal: queue.total, people: try await people(),
            joinRequests: requests.compactMap { request in
                request.user.id.map {
                    .init(
                        organisation: request.organisation.key, organisationName: request.organisation.name, userID: $0,
                        name: request.user.name, email: request.user.email)
                }
            },
            settings: settings, rateTable: "\(settings.rateTable.name), version \(settings.rateTable.version)",
            outbox: try await outbox(),
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

    /// The mail outbox: what waits, what keeps failing, what went today.
    private func outbox() async throws -> SupportOfficeDashboard.Outbox {
        let startOfDay = Calendar(identifier: .gregorian).startOfDay(for: context.clock.now)
        let waiting = try await OutboxMessage.query(on: db).filter(\.$sentAt == nil)
        let oldest = try await OutboxMessage.query(on: db).filter(\.$sentAt == nil).sort(\.$createdAt).first()
        return SupportOfficeDashboard.Outbox(
            waiting: try await waiting.count(),
            failing: try await OutboxMessage.query(on: db).filter(\.$sentAt == nil).filter(\.$attempts > 0).count(),
            sentToday: try await OutboxMessage.query(on: db).filter(\.$sentAt >= startOfDay).count(),
            oldestWaiting: oldest.map { Self.age(since: $0.createdAt, now: context.clock.now) })
    }
}
