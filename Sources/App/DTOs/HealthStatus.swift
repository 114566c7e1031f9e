import Vapor

/// `GET /healthz`'s answer.
struct HealthStatus: Content {
    let status: String
    let database: String
}
