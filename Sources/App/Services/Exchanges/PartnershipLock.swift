import Fluent
import Foundation
import SQLKit

/// A write transaction that no other reservation of the same partnership can interleave with:
/// on PostgreSQL the partnership's row is locked (`SELECT … FOR UPDATE`), so reservations of one
/// partnership wait for each other while others go on; on SQLite the transaction begins
/// `IMMEDIATE`, taking the database's write lock before it reads, so a balance read inside it
/// is still true when the write lands (docs/decisions/0020-budget-ledger.md).
enum PartnershipLock {
    static func run<T: Sendable>(
        _ partnershipID: UUID, on db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        let sql = try db.sql()
        if sql.dialect.name == "sqlite" {
            return try await db.withConnection { connection in
                let locked = try connection.sql()
                try await locked.raw("BEGIN IMMEDIATE").run()
                do {
                    let result = try await body(connection)
                    try await locked.raw("COMMIT").run()
                    return result
                } catch {
                    try? await locked.raw("ROLLBACK").run()
                    throw error
                }
            }
        }
        return try await db.transaction { tx in
            try await tx.sql().raw("SELECT id FROM partnerships WHERE id = \(bind: partnershipID) FOR UPDATE").run()
            return try await body(tx)
        }
    }
}
