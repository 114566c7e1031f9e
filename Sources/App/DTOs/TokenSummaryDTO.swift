import Vapor

/// One of a person's API tokens, without the token itself (only its digest is kept).
struct TokenSummaryDTO: Content {
    let id: UUID
    let createdAt: Date?
    let expiresAt: Date
    /// The token this request was made with.
    let current: Bool
}
