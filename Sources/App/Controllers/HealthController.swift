import Vapor

/// `GET /healthz`: 200 when the database answers, 503 otherwise. `GET /readyz` (docs/interfaces.md,
/// "Operations"): 200 once this instance has migrated (before it serves at all), built its
/// matching index and reaches its database; 503 with a problem body saying what is missing, also
/// while the database is away, and 200 again by itself when it is back. Open to anyone: load
/// balancers and orchestrators call them.
struct HealthController: Controller {
    func boot(_ routes: Surfaces) {
        routes.root.access(.anyone).get("healthz", use: health)
        routes.root.access(.anyone).get("readyz", use: ready)
        routes.root.access(.anyone).get("metrics", use: metrics)
    }

    /// `GET /metrics`: Prometheus's text format. With `METRICS_TOKEN` set, only for its bearer.
    @Sendable func metrics(req: Request) async throws -> Response {
        if let token = req.application.settings.metricsToken {
            guard let given = req.headers.bearerAuthorization?.token,
                SecretToken.digest(given) == SecretToken.digest(token)
            else {
                let refused = Response(status: .unauthorized, body: .init(string: "metrics need their bearer token\n"))
                refused.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer")
                return refused
            }
        }
        try await PlatformMetrics.refresh(on: req.database)
        let response = Response(status: .ok, body: .init(string: PlatformMetrics.registry.emitToString()))
        response.headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    @Sendable func health(req: Request) async throws -> Response {
        let status = await req.context.health.check()
        return try await status.encodeResponse(status: status.status == "ok" ? .ok : .serviceUnavailable, for: req)
    }

    struct Readiness: Content {
        let status: String
    }

    @Sendable func ready(req: Request) async throws -> Readiness {
        guard req.application.matching.isBuilt else {
            throw AppError.unavailable("This instance is still building its matching index.", retryAfter: 1)
        }
        guard await req.context.health.check().status == "ok" else {
            throw AppError.unavailable("This instance does not reach its database.", retryAfter: 5)
        }
        return Readiness(status: "ready")
    }
}
