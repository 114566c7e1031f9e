import Fluent
import SQLKit

/// One number that moves with every committed change to the platform's records (decision 0030):
/// triggers on every table but `unwatched` add one to the single row of `data_stamp`, in the
/// changing transaction, so the new number is seen exactly when the change is. A page remembered
/// with the number it was read at is still true while the number has not moved
/// (`RememberedPages`). Every SQL write counts, Fluent's or plain, from any instance.
enum DataStamp {
    static let table = "data_stamp"

    /// Tables whose changes no remembered page shows, each for a reason:
    /// - `_fluent_migrations` and `data_stamp` itself;
    /// - `browser_sessions`: touched every minute of every visit, and a session's own state (its
    ///   form token, its notice) is part of the remembered page's key or never remembered;
    /// - `matching_changes`: written with the change it names, which moves the number already;
    /// - `form_submissions`: written with the form's own change;
    /// - `login_attempts`: counted for throttling, shown nowhere;
    /// - `periodic_jobs`: leases taken every few seconds; the jobs' own changes are watched;
    /// - `outbox`: the mail queue, which only the support office's dashboard shows (not remembered);
    /// - `rate_counters`: counted for rate limits, shown nowhere.
    static let unwatched: Set<String> = [
        "_fluent_migrations", table, "browser_sessions", "matching_changes", "form_submissions", "login_attempts",
        "periodic_jobs", "outbox", RateLimiter.table,
    ]

    /// The current number as a scalar subquery, to read along with another query (the session's).
    static let column = "(SELECT version FROM \(table) WHERE id = 1)"

    /// The current number.
    static func read(on db: any Database) async throws -> Int {
        struct Row: Decodable { let version: Int }
        return try await db.sql().raw("SELECT version FROM \(unsafeRaw: table) WHERE id = 1").first(decoding: Row.self)?
            .version ?? 0
    }

    /// Creates the stamp's table and, on PostgreSQL, the function its triggers call. A trigger there
    /// is deferred to the commit, so the stamp's row is locked last and briefly: two transactions
    /// never wait on each other through it. It adds one once per transaction, however many rows.
    static func create(on db: any Database) async throws {
        let sql = try db.sql()
        try await sql.raw("CREATE TABLE \(unsafeRaw: table) (id INTEGER PRIMARY KEY, version BIGINT NOT NULL)").run()
        try await sql.raw("INSERT INTO \(unsafeRaw: table) (id, version) VALUES (1, 0)").run()
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw(
            """
            CREATE FUNCTION data_stamp_move() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF current_setting('clusterxchange.stamped', true) IS DISTINCT FROM 'on' THEN
                    PERFORM set_config('clusterxchange.stamped', 'on', true);
                    UPDATE \(unsafeRaw: table) SET version = version + 1 WHERE id = 1;
                END IF;
                RETURN NULL;
            END $$
            """
        ).run()
    }

    static func drop(on db: any Database) async throws {
        let sql = try db.sql()
        try await sql.raw("DROP TABLE \(unsafeRaw: table)").run()
        if sql.dialect.name == "postgresql" { try await sql.raw("DROP FUNCTION data_stamp_move()").run() }
    }

    /// Every table of the database, from its catalogue.
    static func tables(on db: any Database) async throws -> [String] {
        struct Row: Decodable { let name: String }
        let sql = try db.sql()
        let query: SQLQueryString =
            sql.dialect.name == "postgresql"
            ? "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        return try await sql.raw(query).all(decoding: Row.self).map(\.name).sorted()
    }

    /// The tables that have the stamp's triggers, from the catalogue.
    static func watchedTables(on db: any Database) async throws -> Set<String> {
        struct Row: Decodable { let name: String }
        let sql = try db.sql()
        let query: SQLQueryString =
            sql.dialect.name == "postgresql"
            ? """
            SELECT DISTINCT c.relname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            WHERE t.tgname = 'data_stamp' AND c.relnamespace = current_schema()::regnamespace
            """
            : "SELECT DISTINCT tbl_name AS name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'data_stamp_%'"
        return Set(try await sql.raw(query).all(decoding: Row.self).map(\.name))
    }

    /// Makes every change to `name` move the stamp. A migration that creates a table calls this.
    static func watch(_ name: String, on db: any Database) async throws {
        let sql = try db.sql()
        if sql.dialect.name == "postgresql" {
            try await sql.raw(
                """
                CREATE CONSTRAINT TRIGGER data_stamp AFTER INSERT OR UPDATE OR DELETE ON \(ident: name)
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_stamp_move()
                """
            ).run()
            return
        }
        for change in ["INSERT", "UPDATE", "DELETE"] {
            try await sql.raw(
                """
                CREATE TRIGGER \(ident: "data_stamp_\(name)_\(change.lowercased())") AFTER \(unsafeRaw: change) ON \(ident: name)
                BEGIN UPDATE \(unsafeRaw: table) SET version = version + 1 WHERE id = 1; END
                """
            ).run()
        }
    }

    static func unwatch(_ name: String, on db: any Database) async throws {
        let sql = try db.sql()
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP TRIGGER IF EXISTS data_stamp ON \(ident: name)").run()
            return
        }
        for change in ["insert", "update", "delete"] {
            try await sql.raw("DROP TRIGGER IF EXISTS \(ident: "data_stamp_\(name)_\(change)")").run()
        }
    }
}
