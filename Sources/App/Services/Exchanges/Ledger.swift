import Fluent
import SQLKit
import Vapor

/// A partnership's budget as a ledger of reservations, payments and releases, in integer cents:
/// budget = reserved + paid + available at every moment, whatever the concurrency, because the
/// balances are derived from the lines and every line is written under the partnership's lock
/// (`WriteLock` on the partnership) together with the exchange's change of phase.
struct Ledger {
    let context: ServiceContext

    private var db: any Database { context.db }

    /// A partnership's totals, for anyone: public money is public, as the open statistics show it
    /// (decision 0032). Its lines, which name exchanges, stay with its coordinators.
    func budget(of key: String) async throws -> BudgetDTO {
        guard let partnership = try await Partnership.query(on: db).filter(\.$key == key).first() else {
            throw AppError.noSuch("partnership", key: key)
        }
        return try await Self.balance(of: partnership, on: db)
    }

    /// One line of the ledger as the budget page lists it.
    struct Line: Encodable {
        let at: Date
        let exchange: UUID
        let exchangeName: String
        let kind: LedgerEntry.Kind
        let amountCents: Int
    }

    /// A partnership's ledger lines, newest first (at most 500), and how many of its visitors'
    /// exchanges are funded (each counts once towards its target), for its coordinators and the
    /// support office.
    func lines(of key: String) async throws -> (lines: [Line], fundedExchanges: Int) {
        guard let partnership = try await Partnership.query(on: db).filter(\.$key == key).first(), let id = partnership.id else {
            throw AppError.noSuch("partnership", key: key)
        }
        _ = try context.signedIn()
        guard try await context.permissions.coordinates(id) else {
            throw AppError.forbidden(
                "Only the coordinators of \(partnership.name) and the support office see its ledger's lines.")
        }
        let entries = try await LedgerEntry.query(on: db).filter(\.$partnership.$id == id).sort(\.$at, .descending)
            .with(\.$exchange) { $0.with(\.$visitor).with(\.$host) }.limit(500).all()
        let funded = try await Exchange.query(on: db).filter(\.$visitorPartnership.$id == id)
            .filter(\.$phase ~~ ExchangeChecks.funded).count()
        return (
            entries.map { entry in
                Line(
                    at: entry.at, exchange: entry.$exchange.id,
                    exchangeName: "\(entry.exchange.visitor.name) at \(entry.exchange.host.name)", kind: entry.kind,
                    amountCents: entry.amountCents)
            }, funded
        )
    }

    /// The balances of a partnership, read from its ledger lines (one grouped query).
    static func balance(of partnership: Partnership, on db: any Database) async throws -> BudgetDTO {
        let id = try partnership.requireID()
        let rows = try await db.sql().select()
            .column("kind").column(Self.total, as: "total")
            .from(LedgerEntry.schema).where("partnership_id", .equal, id).groupBy("kind").all()
        var totals: [LedgerEntry.Kind: Int] = [:]
        for row in rows {
            guard let kind = LedgerEntry.Kind(rawValue: try row.decode(column: "kind", as: String.self)) else { continue }
            totals[kind] = try row.decode(column: "total", as: Int?.self) ?? 0
        }
        let paid = totals[.pay] ?? 0
        let reserved = (totals[.reserve] ?? 0) - paid - (totals[.release] ?? 0)
        return BudgetDTO(
            partnership: partnership.key, name: partnership.name, budgetCents: partnership.budgetCents, reservedCents: reserved,
            paidCents: paid, availableCents: partnership.budgetCents - reserved - paid,
            targetExchanges: partnership.targetExchanges)
    }

    /// The sum of the lines' amounts as an integer on both databases (PostgreSQL's SUM of a bigint
    /// is a numeric).
    private static let total = SQLRaw("CAST(SUM(amount_cents) AS BIGINT)")

    /// The balances of several partnerships at once (one grouped query), for dashboards.
    static func balances(of partnerships: [Partnership], on db: any Database) async throws -> [UUID: BudgetDTO] {
        let ids = partnerships.compactMap(\.id)
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.sql().select()
            .column("partnership_id").column("kind").column(Self.total, as: "total")
            .from(LedgerEntry.schema).where("partnership_id", .in, ids).groupBy("partnership_id").groupBy("kind").all()
        var totals: [UUID: [LedgerEntry.Kind: Int]] = [:]
        for row in rows {
            guard let kind = LedgerEntry.Kind(rawValue: try row.decode(column: "kind", as: String.self)) else { continue }
            totals[try row.decode(column: "partnership_id", as: UUID.self), default: [:]][kind] =
                try row.decode(column: "total", as: Int?.self) ?? 0
        }
        var balances: [UUID: BudgetDTO] = [:]
        for partnership in partnerships {
            guard let id = partnership.id else { continue }
            let lines = totals[id] ?? [:]
            let paid = lines[.pay] ?? 0
            let reserved = (lines[.reserve] ?? 0) - paid - (lines[.release] ?? 0)
            balances[id] = BudgetDTO(
                partnership: partnership.key, name: partnership.name, budgetCents: partnership.budgetCents,
                reservedCents: reserved, paidCents: paid, availableCents: partnership.budgetCents - reserved - paid,
                targetExchanges: partnership.targetExchanges)
        }
        return balances
    }

    /// How many exchanges of each partnership's visitors are funded (each counts once towards its target).
    static func fundedCounts(on db: any Database) async throws -> [UUID: Int] {
        let rows = try await db.sql().select()
            .column("visitor_partnership_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "funded")
            .from(Exchange.schema).where("phase", .in, ExchangeChecks.funded.map(\.rawValue))
            .groupBy("visitor_partnership_id").all()
        var counts: [UUID: Int] = [:]
        for row in rows {
            counts[try row.decode(column: "visitor_partnership_id", as: UUID.self)] = try row.decode(
                column: "funded", as: Int.self)
        }
        return counts
    }

    /// Every partnership's available budget, for matching rounds (one grouped query).
    static func available(on db: any Database) async throws -> [UUID: Int] {
        let partnerships = try await Partnership.query(on: db).all()
        let rows = try await db.sql().select()
            .column("partnership_id").column("kind").column(Self.total, as: "total")
            .from(LedgerEntry.schema).groupBy("partnership_id").groupBy("kind").all()
        var spent: [UUID: Int] = [:]
        for row in rows {
            let id = try row.decode(column: "partnership_id", as: UUID.self)
            let total = try row.decode(column: "total", as: Int?.self) ?? 0
            // Reserved plus paid is what a reservation took and a release gave back.
            switch try row.decode(column: "kind", as: String.self) {
            case LedgerEntry.Kind.reserve.rawValue: spent[id, default: 0] += total
            case LedgerEntry.Kind.release.rawValue: spent[id, default: 0] -= total
            default: break
            }
        }
        return Dictionary(
            uniqueKeysWithValues: partnerships.compactMap { p in p.id.map { ($0, p.budgetCents - (spent[$0] ?? 0)) } })
    }
}

extension ServiceContext {
    var ledger: Ledger { Ledger(context: self) }
}
