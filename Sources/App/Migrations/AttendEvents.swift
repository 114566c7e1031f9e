import Fluent
import SQLKit

/// Events people register for, with a limit of places and a waiting list, and one-to-one meetings
/// between participants in the event's meeting slots (issue 20, as b2match users expect).
struct AttendEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // SQLite adds one column per statement. No limit and no meetings where nothing is said.
        try await database.schema(Publication.schema).field("places", .int).update()
        try await database.schema(Publication.schema).field("meeting_minutes", .int).update()
        try await database.schema(EventRegistration.schema)
            .id()
            .field("event_id", .uuid, .required, .references(Publication.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "event_id", "user_id")
            .create()
        try await database.schema(EventMeeting.schema)
            .id()
            .field("event_id", .uuid, .required, .references(Publication.schema, "id", onDelete: .cascade))
            .field("requester_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("invitee_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("status", .string, .required)
            .field("note", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        let sql = try database.sql()
        try await sql.create(index: "event_registrations_user").on(EventRegistration.schema).column("user_id").run()
        try await sql.create(index: "event_meetings_event").on(EventMeeting.schema).column("event_id").run()
        // A registration or a meeting changes what the event's page shows (decision 0030).
        try await DataStamp.watch(EventRegistration.schema, on: database)
        try await DataStamp.watch(EventMeeting.schema, on: database)
    }

    func revert(on database: any Database) async throws {
        try await DataStamp.unwatch(EventMeeting.schema, on: database)
        try await DataStamp.unwatch(EventRegistration.schema, on: database)
        try await database.schema(EventMeeting.schema).delete()
        try await database.schema(EventRegistration.schema).delete()
        try await database.schema(Publication.schema).deleteField("meeting_minutes").update()
        try await database.schema(Publication.schema).deleteField("places").update()
    }
}
