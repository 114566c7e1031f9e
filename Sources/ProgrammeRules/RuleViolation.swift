/// One broken rule, with a sentence a person understands.
public struct RuleViolation: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rule: RuleID
    public let party: Party?
    public let message: String

    public init(_ rule: RuleID, party: Party? = nil, _ message: String) {
        self.rule = rule
        self.party = party
        self.message = message
    }

    public var description: String { message }
}
