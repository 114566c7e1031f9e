import Vapor

/// A new conversation: from one of the caller's organisations to another, about something.
struct ThreadInput: Content, Sendable {
    var from: String?
    var to: String?
    var subject: String?
    var body: String?
    /// A path on this site the conversation is about ("/offers/…").
    var about: String?
}
