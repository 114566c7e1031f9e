import Vapor

/// A conversation with its messages.
struct ThreadDTO: Content {
    let id: UUID
    let subject: String
    let with: String
    let withKey: String
    let `as`: String
    let about: String?
    let messages: [MessageDTO]
}
