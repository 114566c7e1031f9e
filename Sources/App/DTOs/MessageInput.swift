import Vapor

/// An answer in a conversation.
struct MessageInput: Content, Sendable {
    var body: String?
}
