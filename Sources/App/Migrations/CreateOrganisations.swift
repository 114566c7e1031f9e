import Fluent

struct CreateOrganisations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Organisation.schema)
            .id()
            .field("key", .string, .required)
            .field("partnership_id", .uuid, .references(Partnership.schema, "id", onDelete: .setNull))
            .field("cluster_id", .uuid, .references(Organisation.schema, "id", onDelete: .setNull))
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("country", .string, .required)
            .field("city", .string, .required)
            .field("latitude", .double, .required)
            .field("longitude", .double, .required)
            .field("time_zone", .string, .required)
            .field("sectors", .string, .required)
            .field("topics", .string, .required)
            .field("languages", .string, .required)
            .field("description", .string, .required)
            .field("website", .string)
            .field("validation_status", .string, .required)
            .field("search_text", .string, .required)
            .field("validation_reason", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "key")
            .create()
        try await database.schema(Membership.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("is_admin", .bool, .required)
            .field("status", .string, .required)
            .unique(on: "organisation_id", "user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Membership.schema).delete()
        try await database.schema(Organisation.schema).delete()
    }
}
