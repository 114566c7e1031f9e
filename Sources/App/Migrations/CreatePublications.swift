import Fluent
import SQLKit

/// News, achievements and events with their moderation, reports and trusted publishers.
struct CreatePublications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Publication.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id", onDelete: .cascade))
            .field("author_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("exchange_id", .uuid, .references(Exchange.schema, "id", onDelete: .setNull))
            .field("local_start", .string)
            .field("local_end", .string)
            .field("time_zone", .string)
            .field("starts_at", .datetime)
            .field("ends_at", .datetime)
            .field("place", .string)
            .field("online", .string)
            .field("status", .string, .required)
            .field("reason", .string)
            .field("reviewed_by", .uuid)
            .field("published_at", .datetime)
            .field("reports", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.schema(PublicationReport.schema)
            .id()
            .field("publication_id", .uuid, .required, .references(Publication.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("reason", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "publication_id", "user_id")
            .create()
        try await database.schema(TrustedPublisher.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id", onDelete: .cascade))
            .field("marked_by", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("created_at", .datetime)
            .unique(on: "organisation_id")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "publications_status_kind").on(Publication.schema).column("status").column("kind").run()
            try await sql.create(index: "publications_organisation").on(Publication.schema).column("organisation_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TrustedPublisher.schema).delete()
        try await database.schema(PublicationReport.schema).delete()
        try await database.schema(Publication.schema).delete()
    }
}
