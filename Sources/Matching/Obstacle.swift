import ProgrammeRules

/// Why a pair cannot be suggested: one of the programme's eligibility rules, or a matching rule
/// (the windows, the places left). `id` is stable: the programme's rule ids and the ones below.
public struct Obstacle: Sendable, Hashable, Codable {
    public let id: String
    public let message: String

    public init(id: String, message: String) {
        self.id = id
        self.message = message
    }

    init(_ violation: RuleViolation) {
        self.init(id: violation.rule.rawValue, message: violation.message)
    }

    public static let capacityExhaustedID = "capacity-exhausted"
    public static let noStayWindowID = "no-stay-window"
    public static let unknownOrganisationID = "unknown-organisation"
}
