import Fluent
import ProgrammeRules
import Vapor

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
    @Field(key: "stay_start") var stayStart: CalendarDate
    @Field(key: "stay_end") var stayEnd: CalendarDate

    init() {}

    var reasons: [String] { reasonText.split(separator: "\n").map(String.init) }
}
