import Vapor

/// Who the caller is.
struct MeDTO: Content {
    /// The account's id (an organisation's administrators approve a request to join by it).
    let id: UUID
    let email: String
    let name: String
    let role: String
    let organisations: [String]
    let partnerships: [String]
}
