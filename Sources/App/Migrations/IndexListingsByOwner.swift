import Fluent
import SQLKit

/// Offers by their host and requests by their visitor: every organisation page counts and lists
/// them, and the dashboards list their members' own.
struct IndexListingsByOwner: AsyncMigration {
    static let indexes: [(String, String, String)] = [
        ("offers_host", Offer.schema, "host_id"),
        ("visit_requests_visitor", VisitRequest.schema, "visitor_id"),
    ]

    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        for (name, table, column) in Self.indexes { try await sql.create(index: name).on(table).column(column).run() }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        for (name, _, _) in Self.indexes.reversed() { try await sql.drop(index: name).run() }
    }
}
