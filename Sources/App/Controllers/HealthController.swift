import Fluent
import SQLKit
import Vapor

/// `GET /healthz`: 200 when the database answers, 503 otherwise. Open to anyone: load balancers call it.
struct HealthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.access(.anyone).get("healthz", use: health)
    }

    @Sendable
    func health(req: Request) async throws -> Response {
        do {
            try await Self.pingDatabase(req.db)
            return try await HealthStatus(status: "ok", database: "reachable").encodeResponse(status: .ok, for: req)
        } catch {
            req.logger.error("health check: database unreachable: \(String(reflecting: error))")
            return try await HealthStatus(status: "unavailable", database: "unreachable").encodeResponse(status: .serviceUnavailable, for: req)
        }
    }

    static func pingDatabase(_ database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError, reason: "not an SQL database") }
        try await sql.raw("SELECT 1").run()
    }
}

struct HealthStatus: Content {
    let status: String
    let database: String
}
