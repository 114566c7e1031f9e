import Fluent
import Metrics
import Prometheus
import Vapor

/// The instance's metrics (docs/interfaces.md, "Operations"), kept through swift-metrics in a
/// Prometheus registry and read at `GET /metrics`. Requests are counted by the route's pattern
/// (`/offers/:key`), never the raw path, so the label set stays small whatever people type.
enum PlatformMetrics {
    /// One registry a process, made and installed as swift-metrics' backend on first use (tests
    /// make many applications in one process; swift-metrics takes one backend).
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2_500), .seconds(5), .seconds(10),
        ]
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    /// A request's route as its pattern; "unmatched" for none (a 404 before any route).
    static func route(of request: Request) -> String {
        guard let route = request.route else { return "unmatched" }
        return "/" + route.path.map(\.description).joined(separator: "/")
    }

    /// What the database says now, read at each scrape: the outbox's depth and oldest age, and
    /// each partnership's available budget.
    static func refresh(on db: any Database) async throws {
        let waiting = OutboxMessage.query(on: db).filter(\.$sentAt == nil)
            .filter(\.$attempts < OutboxDelivery.maximumAttempts)
        Gauge(label: "clusterxchange_outbox_messages").record(try await waiting.count())
        let oldest = try await waiting.sort(\.$createdAt).first()?.createdAt
        Gauge(label: "clusterxchange_outbox_oldest_seconds").record(oldest.map { max(0, Date().timeIntervalSince($0)) } ?? 0)
        let partnerships = try await Partnership.query(on: db).all()
        for (_, balance) in try await Ledger.balances(of: partnerships, on: db) {
            Gauge(label: "clusterxchange_budget_available_cents", dimensions: [("partnership", balance.partnership)])
                .record(balance.availableCents)
        }
    }
}

/// Counts every answer (`http_requests_total`) and times it (`http_request_duration_seconds`).
struct MetricsMiddleware: AsyncMiddleware {
    static let methods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next.respond(to: request)
        let route = PlatformMetrics.route(of: request)
        // A client may send any method name: each would be a new series, without end.
        let method = Self.methods.contains(request.method.rawValue) ? request.method.rawValue : "OTHER"
        Counter(
            label: "http_requests_total",
            dimensions: [("method", method), ("route", route), ("status", String(response.status.code))]
        ).increment()
        Metrics.Timer(label: "http_request_duration_seconds", dimensions: [("method", method), ("route", route)])
            .record(duration: ContinuousClock.now - started)
        return response
    }
}
