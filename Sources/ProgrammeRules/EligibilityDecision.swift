public struct EligibilityDecision: Hashable, Sendable {
    /// Every rule the proposal breaks; empty when it is eligible.
    public let violations: [RuleViolation]
    /// The stay's working days in the host country, when they could be counted.
    public let workingDays: WorkingDayCount?

    public var isEligible: Bool { violations.isEmpty }
    public var ruleIDs: Set<RuleID> { Set(violations.map(\.rule)) }
}
