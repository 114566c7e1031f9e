import Fluent
import Vapor

/// A movement of a partnership's budget for an exchange: a reservation when funding is approved,
/// a payment (reserved money becomes paid), a release when a funded exchange is cancelled. The
/// balances are sums of these lines, never stored twice (docs/decisions/0020-budget-ledger.md).
final class LedgerEntry: Model, @unchecked Sendable {
    static let schema = "ledger_entries"

    enum Kind: String, Codable, Sendable {
        case reserve, pay, release

        /// "paid", as the budget page says it.
        var words: String {
            switch self {
            case .reserve: "reserved when the funding was approved"
            case .pay: "paid"
            case .release: "released when the exchange was cancelled"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "partnership_id") var partnership: Partnership
    @Parent(key: "exchange_id") var exchange: Exchange
    @Field(key: "kind") var kind: Kind
    /// Always positive; the kind says which way it moves.
    @Field(key: "amount_cents") var amountCents: Int
    @OptionalField(key: "user_id") var userID: UUID?
    @Field(key: "at") var at: Date

    init() {}

    init(partnershipID: UUID, exchangeID: UUID, kind: Kind, amountCents: Int, userID: UUID?, at: Date) {
        self.$partnership.id = partnershipID
        self.$exchange.id = exchangeID
        self.kind = kind
        self.amountCents = amountCents
        self.userID = userID
        self.at = at
    }
}
