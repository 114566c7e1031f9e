import Vapor

/// One of a person's browser sessions.
struct SessionSummaryDTO: Content {
    let id: UUID
    let createdAt: Date
    let lastSeenAt: Date
    let browser: String
    /// The session this request was made in.
    let current: Bool
}
