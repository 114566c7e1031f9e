import Fluent

struct CreateMatchingChanges: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MatchingChange.schema)
            .field("id", .int, .identifier(auto: true))
            .field("entity", .string, .required)
            .field("key", .string, .required)
            .field("changed_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MatchingChange.schema).delete()
    }
}
