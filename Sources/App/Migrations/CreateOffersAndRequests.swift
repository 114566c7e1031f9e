import Fluent

struct CreateOffersAndRequests: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Offer.schema)
            .id()
            .field("key", .string, .required)
            .field("host_id", .uuid, .required, .references(Organisation.schema, "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("purposes", .string, .required)
            .field("topics", .string, .required)
            .field("languages", .string, .required)
            .field("available_from", .string, .required)
            .field("available_to", .string, .required)
            .field("capacity", .int, .required)
            .field("virtual", .bool, .required)
            .field("search_text", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "key")
            .create()
        try await database.schema(VisitRequest.schema)
            .id()
            .field("key", .string, .required)
            .field("visitor_id", .uuid, .required, .references(Organisation.schema, "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("purposes", .string, .required)
            .field("topics", .string, .required)
            .field("languages", .string, .required)
            .field("preferred_countries", .string, .required)
            .field("earliest", .string, .required)
            .field("latest", .string, .required)
            .field("working_days", .int, .required)
            .field("search_text", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(VisitRequest.schema).delete()
        try await database.schema(Offer.schema).delete()
    }
}
