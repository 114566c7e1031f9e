import Vapor

/// Who the caller is.
struct MeDTO: Content {
    let email: String
    let name: String
    let role: String
    let organisations: [String]
    let partnerships: [String]
}
