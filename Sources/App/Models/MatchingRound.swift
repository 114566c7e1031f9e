import Fluent
import Vapor

/// A matching round a coordinator (for a partnership) or the support office (for all) ran over
/// the open requests: the optimiser's proposals, with the bound it proved. Nothing is booked: the
/// proposals are sent as suggestions.
final class MatchingRound: Model, @unchecked Sendable {
    static let schema = "matching_rounds"

    // Identity
    @ID(key: .id) var id: UUID?

    // References
    /// Nil for a round over every partnership.
    @OptionalParent(key: "partnership_id") var partnership: Partnership?
    @Parent(key: "run_by") var runBy: User

    // Data
    @Field(key: "objective") var objective: Double
    @Field(key: "bound") var bound: Double
    @Field(key: "gap") var gap: Double
    @Field(key: "method") var method: String
    @Field(key: "visitor_count") var visitorCount: Int
    @Field(key: "candidate_count") var candidateCount: Int
    @OptionalField(key: "sent_at") var sentAt: Date?

    // Timestamps
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    @Children(for: \.$round) var proposals: [RoundProposal]

    init() {}
}
