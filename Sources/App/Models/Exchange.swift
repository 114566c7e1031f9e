import Fluent
import ProgrammeRules
import Vapor

/// An exchange: one visiting request and one hosting offer, through the phases of the rules
/// library's `ExchangeLifecycle`, from the proposal to the paid lump sum. Its history
/// (`ExchangeEvent`), signatures (`ExchangeSignature`) and money (`LedgerEntry`) live beside it.
final class Exchange: Model, @unchecked Sendable {
    static let schema = "exchanges"

    /// How the exchange came to be.
    enum Origin: String, Codable, Sendable {
        /// The visitor or the host proposed it.
        case visitor, host
        /// A partnership's matching round proposed it on the visitor's behalf.
        case round
        /// A coordinator entered a match the two agreed offline, on behalf of both.
        case offline
    }

    // Identity
    @ID(key: .id) var id: UUID?

    // References (the request and offer may be withdrawn later: their keys and titles stay below)
    @OptionalParent(key: "request_id") var request: VisitRequest?
    @OptionalParent(key: "offer_id") var offer: Offer?
    @Parent(key: "visitor_id") var visitor: Organisation
    @Parent(key: "host_id") var host: Organisation
    @Parent(key: "visitor_partnership_id") var visitorPartnership: Partnership
    @Parent(key: "host_partnership_id") var hostPartnership: Partnership

    // What was agreed
    @Field(key: "request_key") var requestKey: String
    @Field(key: "request_title") var requestTitle: String
    @Field(key: "offer_key") var offerKey: String
    @Field(key: "offer_title") var offerTitle: String
    @Field(key: "phase") var phase: ExchangePhase
    @Field(key: "proposed_by") var proposedBy: Party
    @Field(key: "origin") var origin: Origin
    /// The platform's date when it was proposed: the answer is due within `Exchanges.answerDays`.
    @Field(key: "proposed_on") var proposedOn: CalendarDate
    @Field(key: "stay_start") var start: CalendarDate
    @Field(key: "stay_end") var end: CalendarDate
    @Field(key: "virtual") var isVirtual: Bool

    // The Commitment to Quality
    @Field(key: "goals") var goals: String
    @Field(key: "objectives") var objectives: String
    @Field(key: "agenda") var agenda: String
    /// Bumped by every change of goals, objectives, agenda or dates: signatures are on a version.
    @Field(key: "commitment_version") var commitmentVersion: Int

    // Money: the quote while open, the frozen amount once funding is approved
    @Field(key: "quote_cents") var quoteCents: Int
    @Field(key: "quote_reasons") var quoteReasons: String
    @Field(key: "quote_table") var quoteTable: String
    /// The quote before the rate table in force changed, until the coordinator takes the new one.
    @OptionalField(key: "previous_quote_cents") var previousQuoteCents: Int?
    @OptionalField(key: "funded_cents") var fundedCents: Int?
    @OptionalField(key: "funded_table") var fundedTable: String?
    @OptionalField(key: "funded_reasons") var fundedReasons: String?

    // The closing report and the payment
    @Field(key: "report_outcomes") var reportOutcomes: String
    @Field(key: "report_follow_up") var reportFollowUp: String
    @Field(key: "report_learned") var reportLearned: String
    @OptionalField(key: "report_comments") var reportComments: String?
    @OptionalField(key: "report_validated_on") var reportValidatedOn: CalendarDate?
    /// The host's evaluation of the stay: 1 (poor) to 5 (excellent), with its words and day.
    @OptionalField(key: "host_rating") var hostRating: Int?
    @OptionalField(key: "host_evaluation") var hostEvaluation: String?
    @OptionalField(key: "host_evaluated_on") var hostEvaluatedOn: CalendarDate?
    @OptionalField(key: "paid_on") var paidOn: CalendarDate?
    @OptionalField(key: "payment_reference") var paymentReference: String?
    /// Why it was declined, withdrawn or cancelled.
    @OptionalField(key: "closing_reason") var closingReason: String?
    /// A match entered as agreed offline by others than the host's side: until this day the
    /// host's members may dispute it, which withdraws it.
    @OptionalField(key: "dispute_until") var disputeUntil: CalendarDate?

    // Timestamps
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var stay: Stay { Stay(start: start, end: end) }
}
