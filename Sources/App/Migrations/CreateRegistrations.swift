import Fluent

struct CreateRegistrations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StoredFile.schema)
            .id()
            .field("owner_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("filename", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("data", .data, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(Registration.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, "id", onDelete: .restrict))
            .field("cv_file_id", .uuid, .references(StoredFile.schema, "id", onDelete: .setNull))
            .field("decided_by_id", .uuid, .references(User.schema, "id", onDelete: .setNull))
            .field("as_visitor", .bool, .required)
            .field("as_host", .bool, .required)
            .field("motivation", .string, .required)
            .field("preferences", .string, .required)
            .field("status", .string, .required)
            .field("reason", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.schema(OutboxMessage.schema)
            .id()
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("attempts", .int, .required)
            .field("last_error", .string)
            .field("claimed_until", .datetime)
            .field("sent_at", .datetime)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OutboxMessage.schema).delete()
        try await database.schema(Registration.schema).delete()
        try await database.schema(StoredFile.schema).delete()
    }
}
