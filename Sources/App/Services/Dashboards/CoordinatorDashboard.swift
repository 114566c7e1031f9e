import Fluent
import Vapor

/// What a partnership coordinator lands on: the registrations waiting for them with the profile
/// facts, the exchanges by phase and those waiting for the partnership, late payments, each
/// partnership's budget as a chart with its progress towards the target, and the latest rounds.
struct CoordinatorDashboard: Encodable {

    let name: String
    let queue: [Dashboards.QueueItem]
    let queueTotal: Int
    let byPhase: [ExchangeDigest.PhaseCount]
    let yourTurn: [ExchangeDigest.Item]
    let latePayments: [ExchangeDigest.Item]
    /// "1 late payment", "3 late payments".
    let latePaymentCount: String
    let budgets: [BudgetChart]
    let rounds: [Round]

    struct Round: Encodable {
        let id: UUID
        let partnershipName: String
        let created: String
        let sent: Bool
    }
}

extension Dashboards {
    func coordinator() async throws -> CoordinatorDashboard {
        let caller = try context.signedIn()
        let scope = try await context.exchangeScope()
        let digest = try await ExchangeDigest.read(context, scope: scope)
        let queue = try await queue(limit: 5)
        let partnerships = try await Partnership.query(on: db).filter(\.$id ~~ Array(scope.partnerships)).sort(\.$name).all()
        let balances = try await Ledger.balances(of: partnerships, on: db)
        let funded = try await Ledger.fundedCounts(on: db)
        let rounds = try await context.rounds.rounds().prefix(3).map { round in
            CoordinatorDashboard.Round(
                id: round.id, partnershipName: round.partnershipName ?? "every partnership",
                created: Self.age(since: round.createdAt, now: context.clock.now), sent: round.sentAt != nil)
        }
        return CoordinatorDashboard(
            name: caller.name, queue: queue.items, queueTotal: queue.total, byPhase: digest.byPhase,
            yourTurn: Array(digest.yourTurn.prefix(10)), latePayments: digest.latePayments,
            latePaymentCount: counted(digest.latePayments.count, "late payment"),
            budgets: partnerships.compactMap { p in
                p.id.flatMap { id in balances[id].map { BudgetChart($0, fundedExchanges: funded[id] ?? 0) } }
            },
            rounds: Array(rounds))
    }
}
