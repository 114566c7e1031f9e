import Fluent

/// Follows, digest preferences and their unsubscribe links.
struct CreateFollows: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Follow.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("target", .string, .required)
            .field("label", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "user_id", "kind", "target")
            .create()
        try await database.schema(DigestPreference.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("frequency", .string, .required)
            .field("covered_until", .datetime, .required)
            .field("created_at", .datetime)
            .unique(on: "user_id")
            .create()
        try await database.schema(UnsubscribeLink.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("digest", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "digest")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UnsubscribeLink.schema).delete()
        try await database.schema(DigestPreference.schema).delete()
        try await database.schema(Follow.schema).delete()
    }
}
