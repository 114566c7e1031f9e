import Fluent
import SQLKit

/// Jobs that one instance at a time runs (see `PeriodicJob`); one registration per organisation,
/// enforced by the database so two submissions at once cannot both create one.
struct CreatePeriodicJobs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PeriodicJob.schema)
            .field("name", .string, .identifier(auto: false))
            .field("next_run_at", .datetime, .required)
            .field("last_run_at", .datetime)
            .create()
        try await database.sql().create(index: "registrations_organisation").on(Registration.schema).column("organisation_id")
            .unique().run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql().drop(index: "registrations_organisation").run()
        try await database.schema(PeriodicJob.schema).delete()
    }
}
