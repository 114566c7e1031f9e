import Fluent

struct CreateMatchingRounds: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MatchingRound.schema)
            .id()
            .field("partnership_id", .uuid, .references(Partnership.schema, "id", onDelete: .cascade))
            .field("run_by", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("objective", .double, .required)
            .field("bound", .double, .required)
            .field("gap", .double, .required)
            .field("method", .string, .required)
            .field("visitor_count", .int, .required)
            .field("candidate_count", .int, .required)
            .field("sent_at", .datetime)
            .field("created_at", .datetime)
            .create()
        try await database.schema(RoundProposal.schema)
            .id()
            .field("round_id", .uuid, .required, .references(MatchingRound.schema, "id", onDelete: .cascade))
            .field("request_id", .uuid, .required, .references(VisitRequest.schema, "id", onDelete: .cascade))
            .field("offer_id", .uuid, .required, .references(Offer.schema, "id", onDelete: .cascade))
            .field("score", .double, .required)
            .field("cost_cents", .int, .required)
            .field("reasons", .string, .required)
            .field("stay_start", .string, .required)
            .field("stay_end", .string, .required)
            .unique(on: "round_id", "request_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RoundProposal.schema).delete()
        try await database.schema(MatchingRound.schema).delete()
    }
}
