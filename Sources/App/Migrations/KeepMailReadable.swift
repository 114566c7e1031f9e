import Fluent

/// The outbox says how each message left (`smtp` or `log`) and, when nothing really left (no mail
/// server), keeps its text for the support office to read (issue 20).
struct KeepMailReadable: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // SQLite adds one column per statement.
        try await database.schema(OutboxMessage.schema).field("delivered_by", .string).update()
        try await database.schema(OutboxMessage.schema).field("readable_copy", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OutboxMessage.schema).deleteField("readable_copy").update()
        try await database.schema(OutboxMessage.schema).deleteField("delivered_by").update()
    }
}
