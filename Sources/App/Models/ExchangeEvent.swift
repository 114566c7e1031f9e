import Fluent
import ProgrammeRules
import Vapor

/// One line of an exchange's history, append-only: a transition, a signature, an edit, a payment.
final class ExchangeEvent: Model, @unchecked Sendable {
    static let schema = "exchange_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "exchange_id") var exchange: Exchange
    /// The action's wire name ("accept", "sign-as-host", "edit-commitment", "upload-evidence"...).
    @Field(key: "action") var action: String
    @Field(key: "from_phase") var fromPhase: ExchangePhase
    @Field(key: "to_phase") var toPhase: ExchangePhase
    /// Who, by e-mail as it was then, and in which role.
    @OptionalField(key: "user_id") var userID: UUID?
    @Field(key: "by") var by: String
    @Field(key: "role") var role: String
    /// A reason, a version, a payment reference: what makes the line complete.
    @Field(key: "detail") var detail: String
    @Field(key: "at") var at: Date

    init() {}

    init(
        exchangeID: UUID, action: String, from: ExchangePhase, to: ExchangePhase, userID: UUID?, by: String, role: String,
        detail: String, at: Date
    ) {
        self.$exchange.id = exchangeID
        self.action = action
        self.fromPhase = from
        self.toPhase = to
        self.userID = userID
        self.by = by
        self.role = role
        self.detail = String(detail.utf8.prefix(4_000)) ?? ""
        self.at = at
    }
}
