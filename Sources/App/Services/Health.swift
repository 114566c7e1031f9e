import Fluent
import Vapor

/// Whether this instance can reach its database.
struct Health {
    let context: ServiceContext

    func check() async -> HealthStatus {
        do {
            try await context.db.sql().raw("SELECT 1").run()
            return HealthStatus(status: "ok", database: "reachable")
        } catch {
            context.logger.error("health check: database unreachable: \(String(reflecting: error))")
            return HealthStatus(status: "unavailable", database: "unreachable")
        }
    }
}

extension ServiceContext {
    var health: Health { Health(context: self) }
}
