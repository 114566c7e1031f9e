import Vapor

/// `POST /api/v1/auth/token`'s body.
struct TokenRequest: Content {
    let email: String
    let password: String
}
