/// The phases of an exchange (`docs/programme-rules.md`, "Workflow").
public enum ExchangePhase: String, CaseIterable, Codable, Sendable {
    /// One side proposed the exchange; the other has to answer.
    case proposed
    /// Both sides accepted; the Commitment to Quality is being written.
    case accepted
    /// The Commitment to Quality is being signed by host, host's partnership, visitor and visitor's partnership.
    case signing
    /// The visitor's partnership approved the lump sum and reserved it from its budget.
    case fundingApproved = "funding-approved"
    case underWay = "under-way"
    case reportSubmitted = "report-submitted"
    case reportReturned = "report-returned"
    case reportValidated = "report-validated"
    case paid
    case declined
    case withdrawn
    case cancelled

    /// Nothing leaves these phases.
    public var isTerminal: Bool {
        switch self {
        case .paid, .declined, .withdrawn, .cancelled: true
        default: false
        }
    }

    /// Phases in which the lump sum is reserved in the visitor's partnership's budget.
    public var holdsReservation: Bool {
        switch self {
        case .fundingApproved, .underWay, .reportSubmitted, .reportReturned, .reportValidated: true
        default: false
        }
    }
}
