import Fluent

/// The host's evaluation of the exchange beside the visitor's report, as Erasmus for Young
/// Entrepreneurs asks of its hosts (issue 20).
struct RecordHostEvaluation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // SQLite adds one column per statement.
        try await database.schema(Exchange.schema).field("host_rating", .int).update()
        try await database.schema(Exchange.schema).field("host_evaluation", .string).update()
        try await database.schema(Exchange.schema).field("host_evaluated_on", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Exchange.schema).deleteField("host_evaluated_on").update()
        try await database.schema(Exchange.schema).deleteField("host_evaluation").update()
        try await database.schema(Exchange.schema).deleteField("host_rating").update()
    }
}
