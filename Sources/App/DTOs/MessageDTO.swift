import Vapor

/// One message, signed with a name and an organisation (never an e-mail address).
struct MessageDTO: Content {
    let from: String
    let organisation: String
    let body: String
    let at: Date?
    let mine: Bool
}
