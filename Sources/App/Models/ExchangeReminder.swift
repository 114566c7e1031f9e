import Fluent
import ProgrammeRules
import Vapor

/// When a reminder of a kind was last sent for an exchange, so the daily job reminds every few
/// days, not every day.
final class ExchangeReminder: Model, @unchecked Sendable {
    static let schema = "exchange_reminders"

    @ID(key: .id) var id: UUID?
    @Parent(key: "exchange_id") var exchange: Exchange
    @Field(key: "kind") var kind: String
    @Field(key: "sent_on") var sentOn: CalendarDate

    init() {}

    init(exchangeID: UUID, kind: String, sentOn: CalendarDate) {
        self.$exchange.id = exchangeID
        self.kind = kind
        self.sentOn = sentOn
    }
}
