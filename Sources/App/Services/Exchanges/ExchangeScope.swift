import Fluent
import ProgrammeRules
import SQLKit
import Vapor

/// Who the caller is to exchanges: the organisations they are an approved member of, the
/// partnerships they coordinate, and whether they are the support office. Read once per request
/// (two queries) and asked for each exchange.
struct ExchangeScope: Sendable {
    let caller: Caller
    let organisations: Set<UUID>
    let partnerships: Set<UUID>

    static func of(_ caller: Caller, on db: any Database) async throws -> ExchangeScope {
        // Plain SQL: every signed-in page's frame asks this.
        let sql = try db.sql()
        let organisations = try await sql.select().column("organisation_id").from(Membership.schema)
            .where("user_id", .equal, caller.id).where("status", .equal, Membership.Status.active.rawValue).all()
            .map { try $0.decode(column: "organisation_id", as: UUID.self) }
        let partnerships =
            caller.isCoordinator
            ? try await sql.select().column("partnership_id").from(PartnershipCoordinator.schema)
                .where("user_id", .equal, caller.id).all().map { try $0.decode(column: "partnership_id", as: UUID.self) } : []
        return ExchangeScope(caller: caller, organisations: Set(organisations), partnerships: Set(partnerships))
    }

    /// The caller's roles on the exchange; none: the exchange does not exist for them.
    func roles(_ exchange: some ExchangeFacts) -> Set<ExchangeRole> {
        var roles: Set<ExchangeRole> = []
        if organisations.contains(exchange.visitorID) { roles.insert(.visitor) }
        if organisations.contains(exchange.hostID) { roles.insert(.host) }
        if partnerships.contains(exchange.visitorPartnershipID) { roles.insert(.visitorPartnership) }
        if partnerships.contains(exchange.hostPartnershipID) { roles.insert(.hostPartnership) }
        if caller.isAdmin { roles.insert(.supportOffice) }
        return roles
    }

    /// Narrows a query to the exchanges the caller may see.
    func restrict(_ query: QueryBuilder<Exchange>) {
        guard !caller.isAdmin else { return }
        let organisations = Array(organisations)
        let partnerships = Array(partnerships)
        query.group(.or) { group in
            group.filter(\.$visitor.$id ~~ organisations).filter(\.$host.$id ~~ organisations)
                .filter(\.$visitorPartnership.$id ~~ partnerships).filter(\.$hostPartnership.$id ~~ partnerships)
        }
    }
}
