import Fluent

struct CreatePartnerships: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Partnership.schema)
            .id()
            .field("key", .string, .required)
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("sectors", .string, .required)
            .field("countries", .string, .required)
            .field("budget_cents", .int64, .required)
            .field("target_exchanges", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "key")
            .create()
        try await database.schema(PartnershipCoordinator.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .unique(on: "partnership_id", "user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PartnershipCoordinator.schema).delete()
        try await database.schema(Partnership.schema).delete()
    }
}
