import Vapor

/// The Commitment to Quality: `PUT /api/v1/exchanges/{id}/commitment`.
struct CommitmentInput: Content, Sendable {
    var goals: String?
    var objectives: String?
    /// The day-by-day agenda.
    var agenda: String?
    var start: String?
    var end: String?
}
