import Fluent
import Vapor

/// What came of an exchange, six months after its payment, as each of its two organisations tells
/// it. The row is written when the question is asked; `answer` stays empty until they answer.
final class ExchangeOutcome: Model, @unchecked Sendable {
    static let schema = "exchange_outcomes"

    /// The ladder event platforms ask about, lowest first.
    enum Answer: String, Codable, Sendable, CaseIterable {
        case noFurtherContact = "no-further-contact"
        case negotiationStarted = "negotiation-started"
        case cooperationAgreement = "cooperation-agreement"

        var words: String {
            switch self {
            case .noFurtherContact: "No further contact"
            case .negotiationStarted: "Negotiation started"
            case .cooperationAgreement: "Cooperation agreement reached"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "exchange_id") var exchange: Exchange
    @Parent(key: "organisation_id") var organisation: Organisation
    @OptionalField(key: "answer") var answer: Answer?
    @Field(key: "note") var note: String
    @OptionalField(key: "answered_by") var answeredBy: UUID?
    @OptionalField(key: "answered_at") var answeredAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// Six months after payment, both organisations are asked.
struct CreateExchangeOutcomes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ExchangeOutcome.schema)
            .id()
            .field("exchange_id", .uuid, .required, .references(Exchange.schema, "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id", onDelete: .cascade))
            .field("answer", .string)
            .field("note", .string, .required)
            .field("answered_by", .uuid)
            .field("answered_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "exchange_id", "organisation_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ExchangeOutcome.schema).delete()
    }
}
