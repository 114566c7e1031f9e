import Vapor

/// A new API token, shown once.
struct TokenDTO: Content {
    let token: String
    let expiresAt: Date
}
