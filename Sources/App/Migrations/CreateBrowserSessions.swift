import Fluent
import SQLKit

/// Server-side sessions with timeouts replace Fluent's session records, which could not be
/// listed by account, ended everywhere or expired on the server.
struct CreateBrowserSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
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
        try await database.sql().create(index: "browser_sessions_user").on(BrowserSession.schema).column("user_id").run()
        try await database.sql().create(index: "browser_sessions_expiry").on(BrowserSession.schema).column("expires_at").run()
        try await database.schema("_fluent_sessions").delete()
    }

    func revert(on database: any Database) async throws {
        try await SessionRecord.migration.prepare(on: database).get()
        try await database.schema(BrowserSession.schema).delete()
    }
}
