import Fluent
import Foundation
import SQLKit

/// The schema of the web layer's hardening (docs/decisions/0016 to 0019), in one migration:
/// - server-side browser sessions replace Fluent's session records;
/// - accounts confirm their address; sign-in attempts are counted per address and per client;
/// - links sent by e-mail keep only a digest; the outbox names its link; old reset rows go;
/// - jobs that one instance at a time runs; one registration per organisation.
struct HardenTheWebLayer: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        try await database.schema(BrowserSession.schema)
            .id()
            .field("token_digest", .string, .required)
            .field("user_id", .uuid, .references(User.schema, "id", onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("flash", .string)
            .field("user_agent", .string)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_digest")
            .create()
        try await database.schema("_fluent_sessions").delete()

        // SQLite adds one column per statement.
        try await database.schema(User.schema).field("email_confirmed_at", .datetime).update()
        // Accounts made before confirmation existed were made by an administrator or the demo.
        try await sql.update(User.schema).set("email_confirmed_at", to: Date()).run()
        try await database.schema(LoginAttempt.schema).field("client_address", .string).update()

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
        try await database.schema(OutboxMessage.schema).field("link_id", .uuid).update()
        try await database.schema(OutboxMessage.schema).field("headers", .string).update()
        try await database.schema("password_resets").delete()

        try await database.schema(PeriodicJob.schema)
            .field("name", .string, .identifier(auto: false))
            .field("next_run_at", .datetime, .required)
            .field("last_run_at", .datetime)
            .create()

        for (name, table, columns, unique) in Self.indexes {
            let index = sql.create(index: name).on(table)
            for column in columns { _ = index.column(column) }
            if unique { _ = index.unique() }
            try await index.run()
        }
    }

    /// Name, table, columns, unique.
    static let indexes: [(String, String, [String], Bool)] = [
        ("browser_sessions_user", BrowserSession.schema, ["user_id"], false),
        ("browser_sessions_expiry", BrowserSession.schema, ["expires_at"], false),
        ("login_attempts_email_at", LoginAttempt.schema, ["email", "at"], false),
        ("login_attempts_client_at", LoginAttempt.schema, ["client_address", "at"], false),
        ("user_tokens_user", UserToken.schema, ["user_id"], false),
        ("user_tokens_expiry", UserToken.schema, ["expires_at"], false),
        ("outbox_due", OutboxMessage.schema, ["sent_at", "created_at"], false),
        ("email_links_expiry", EmailLink.schema, ["expires_at"], false),
        ("registrations_organisation", Registration.schema, ["organisation_id"], true),
    ]

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        for (name, _, _, _) in Self.indexes.reversed() { try await sql.drop(index: name).run() }
        try await database.schema(PeriodicJob.schema).delete()
        try await CreatePasswordResets().prepare(on: database)
        try await database.schema(OutboxMessage.schema).deleteField("headers").update()
        try await database.schema(OutboxMessage.schema).deleteField("link_id").update()
        try await database.schema(EmailLink.schema).delete()
        try await database.schema(LoginAttempt.schema).deleteField("client_address").update()
        try await database.schema(User.schema).deleteField("email_confirmed_at").update()
        try await SessionRecord.migration.prepare(on: database).get()
        try await database.schema(BrowserSession.schema).delete()
    }
}
