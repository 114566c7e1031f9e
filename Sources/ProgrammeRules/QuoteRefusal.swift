/// A stay the programme would not fund, with every reason.
public struct QuoteRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    public let violations: [RuleViolation]
    public var description: String { violations.map(\.message).joined(separator: " ") }
}
