import Fluent
import SQLKit

/// The schema of abuse resistance (decision 0031), in one migration:
/// - `rate_counters`: how often each person, organisation, client or address did one thing
///   (`RateLimiter`), shared by every instance;
/// - a sign-in attempt is pending while its password is checked (`SignInThrottle`);
/// - a match entered offline by the visitor's side may be disputed by the host until a date;
/// - an organisation agrees, or not, to be named in others' digests of completed exchanges.
struct ResistAbuse: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.raw(
            """
            CREATE TABLE \(unsafeRaw: RateLimiter.table) (
                counter VARCHAR(120) NOT NULL, window_start BIGINT NOT NULL, hits INTEGER NOT NULL,
                expires_at BIGINT NOT NULL, PRIMARY KEY (counter, window_start))
            """
        ).run()
        try await sql.create(index: "rate_counters_expires").on(RateLimiter.table).column("expires_at").run()
        try await database.schema(LoginAttempt.schema).field("pending", .bool, .required, .sql(.default(false))).update()
        try await database.schema(Exchange.schema).field("dispute_until", .string).update()
        try await database.schema(Organisation.schema).field("named_in_news", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Organisation.schema).deleteField("named_in_news").update()
        try await database.schema(Exchange.schema).deleteField("dispute_until").update()
        try await database.schema(LoginAttempt.schema).deleteField("pending").update()
        try await database.sql().raw("DROP TABLE \(unsafeRaw: RateLimiter.table)").run()
    }
}
