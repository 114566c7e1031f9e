import Fluent

/// The data stamp (decision 0030) and its triggers on every table that exists by now, but the
/// stamp's `unwatched` ones. A later migration that creates a table watches it too
/// (`DataStamp.watch`); a test checks that every table is one or the other.
struct StampEveryChange: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await DataStamp.create(on: database)
        for table in try await DataStamp.tables(on: database) where !DataStamp.unwatched.contains(table) {
            try await DataStamp.watch(table, on: database)
        }
    }

    func revert(on database: any Database) async throws {
        for table in try await DataStamp.watchedTables(on: database) { try await DataStamp.unwatch(table, on: database) }
        try await DataStamp.drop(on: database)
    }
}
