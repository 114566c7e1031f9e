import Vapor

/// `GET /healthz`: 200 when the database answers, 503 otherwise. Open to anyone: load balancers call it.
struct HealthController: Controller {
    func boot(_ routes: Surfaces) {
        routes.root.access(.anyone).get("healthz", use: health)
    }

    @Sendable func health(req: Request) async throws -> Response {
        let status = await req.context.health.check()
        return try await status.encodeResponse(status: status.status == "ok" ? .ok : .serviceUnavailable, for: req)
    }
}
