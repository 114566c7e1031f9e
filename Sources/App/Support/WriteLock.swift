import Fluent
import Foundation
import SQLKit

/// A write transaction that no other holding the same lock can interleave with, so a count or a
/// balance read inside it is still true when the write lands. On PostgreSQL a row is locked
/// (`SELECT … FOR UPDATE`), so transactions on one row wait for each other while others go on; on
/// SQLite the transaction begins `IMMEDIATE`, taking the database's write lock before it reads.
///
/// Reservations lock their partnership (docs/decisions/0020-budget-ledger.md); proposals lock
/// their visitor organisation, whose open proposals are limited; uploads their exchange, whose
/// evidence is limited.
enum WriteLock {
    /// Runs `body` in a transaction holding the lock of the row `id` of `table`.
    static func run<T: Sendable>(
        row table: String, _ id: UUID, on db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T
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
            try await tx.sql().raw("SELECT id FROM \(ident: table) WHERE id = \(bind: id) FOR UPDATE").run()
            return try await body(tx)
        }
    }
}
