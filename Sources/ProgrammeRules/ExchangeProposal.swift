/// A proposed exchange: who visits whom, when, and what the visitor has had before.
public struct ExchangeProposal: Hashable, Sendable {
    public var visitor: Participant
    public var host: Participant
    public var stay: Stay
    public var isVirtual: Bool
    /// Exchanges the visitor organisation has already had funded (cancelled ones do not count).
    public var visitorFundedExchanges: Int

    public init(visitor: Participant, host: Participant, stay: Stay, isVirtual: Bool = false, visitorFundedExchanges: Int = 0) {
        self.visitor = visitor
        self.host = host
        self.stay = stay
        self.isVirtual = isVirtual
        self.visitorFundedExchanges = visitorFundedExchanges
    }
}
