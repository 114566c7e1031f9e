import Vapor

/// The host's evaluation of a stay (`PUT /api/v1/exchanges/{id}/evaluation`, and the page's form).
struct EvaluationInput: Content, Sendable {
    /// 1 (poor) to 5 (excellent).
    var rating: Int?
    /// How the stay went, what the visitor brought, what could be better.
    var text: String?
}
