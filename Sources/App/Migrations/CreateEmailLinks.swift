import Fluent
import SQLKit

/// Links sent by e-mail keep only a digest made at delivery; the outbox names the link instead of
/// holding it. Password-reset rows of the old table held digests of links already in outbox
/// bodies: they are dropped with it (a reset in flight is asked for again).
struct CreateEmailLinks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EmailLink.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("purpose", .string, .required)
            .field("digest", .string)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "digest")
            .create()
        // SQLite adds one column per statement.
        try await database.schema(OutboxMessage.schema).field("link_id", .uuid).update()
        try await database.schema(OutboxMessage.schema).field("headers", .string).update()
        let sql = try database.sql()
        try await sql.create(index: "outbox_due").on(OutboxMessage.schema).column("sent_at").column("created_at").run()
        try await sql.create(index: "email_links_expiry").on(EmailLink.schema).column("expires_at").run()
        try await database.schema("password_resets").delete()
    }

    func revert(on database: any Database) async throws {
        try await CreatePasswordResets().prepare(on: database)
        let sql = try database.sql()
        try await sql.drop(index: "email_links_expiry").run()
        try await sql.drop(index: "outbox_due").run()
        try await database.schema(OutboxMessage.schema).deleteField("headers").update()
        try await database.schema(OutboxMessage.schema).deleteField("link_id").update()
        try await database.schema(EmailLink.schema).delete()
    }
}
