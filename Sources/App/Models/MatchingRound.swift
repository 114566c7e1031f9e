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

/// One proposed pair of a round: a visitor's request and a host's offer.
final class RoundProposal: Model, @unchecked Sendable {
    static let schema = "round_proposals"

    // Identity
    @ID(key: .id) var id: UUID?

    // References
    @Parent(key: "round_id") var round: MatchingRound
    @Parent(key: "request_id") var request: VisitRequest
    @Parent(key: "offer_id") var offer: Offer

    // Data
    @Field(key: "score") var score: Double
    /// The lump sum the stay would bring the visitor, charged to its partnership's budget.
    @Field(key: "cost_cents") var costCents: Int
    /// The reasons, one a line.
    @Field(key: "reasons") var reasonText: String
    @Field(key: "stay_start") var stayStart: String
    @Field(key: "stay_end") var stayEnd: String

    init() {}

    var reasons: [String] { reasonText.split(separator: "\n").map(String.init) }
}
