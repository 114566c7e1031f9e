import Vapor

/// The closing report: `PUT /api/v1/exchanges/{id}/report`.
struct ReportInput: Content, Sendable {
    var outcomes: String?
    var followUp: String?
    /// What was learned.
    var learned: String?
}
