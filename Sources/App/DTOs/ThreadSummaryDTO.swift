import Vapor

/// A conversation in a list: with whom, as whom, and whether it holds something unread.
struct ThreadSummaryDTO: Content {
    let id: UUID
    let subject: String
    /// The other organisation's name.
    let with: String
    /// The caller's organisation in it.
    let `as`: String
    let lastMessageAt: Date
    let unread: Bool
    let about: String?
}
