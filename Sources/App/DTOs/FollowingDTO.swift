import Vapor

/// What a person follows and the digest they chose (`GET /api/v1/follows`).
struct FollowingDTO: Content, Sendable {
    let follows: [Following.Item]
    /// "daily", "weekly" or "none".
    let digest: String
}

/// `POST /api/v1/follows`: an organisation or partnership by key, an event by id, a topic, or a
/// search as "offers:words" or "requests:words".
struct FollowInput: Content, Sendable {
    var kind: String?
    var target: String?
}

/// `PUT /api/v1/digest`: "daily", "weekly" or "none".
struct DigestInput: Content, Sendable {
    var frequency: String?
}

/// The digest chosen, and the sentence the page shows.
struct DigestDTO: Content, Sendable {
    let frequency: String
    let message: String
}

/// "I'm interested": the conversation opened with the listing's owner (`/api/v1/messages/{thread}`).
struct InterestReceipt: Content, Sendable {
    let thread: UUID
    /// The owner's name.
    let with: String
}
