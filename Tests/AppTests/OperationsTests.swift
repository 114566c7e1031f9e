import Foundation
import Logging
import Testing
import Vapor
import VaporTesting

@testable import App

/// docs/interfaces.md, "Operations": request ids on every answer and in the logs.
@Suite struct OperationsTests {
    @Test func everyAnswerCarriesARequestIdKeptWhenWellFormed() async throws {
        try await withApp { app in
            let kept = try await app.testing().sendRequest(.GET, "/healthz", headers: ["X-Request-Id": "edge-42_a.b"])
            #expect(kept.headers.first(name: "X-Request-Id") == "edge-42_a.b")
            // A malformed id (a space, or too long) is replaced; none brought, one is made; errors carry it too.
            for bad in ["has space", String(repeating: "a", count: 129), "é"] {
                let replaced = try await app.testing().sendRequest(.GET, "/healthz", headers: ["X-Request-Id": bad])
                let id = try #require(replaced.headers.first(name: "X-Request-Id"))
                #expect(id != bad && RequestIDMiddleware.isWellFormed(id))
            }
            let missing = try await app.testing().sendRequest(.GET, "/no-such-page")
            #expect(
                missing.status == .notFound && RequestIDMiddleware.isWellFormed(missing.headers.first(name: "X-Request-Id") ?? "")
            )
            let problem = try await app.testing().sendRequest(.GET, "/api/v1/offers?per=0")
            #expect(problem.status == .badRequest && problem.headers.first(name: "X-Request-Id") != nil)
        }
    }

    @Test func readyOnceTheIndexIsBuiltAndTheDatabaseAnswers() async throws {
        try await withApp { app in
            // Tests start without the workers: the index is built on first use.
            let early = try await app.testing().sendRequest(.GET, "/readyz", headers: ["Accept": "application/json"])
            #expect(early.status == .serviceUnavailable && early.body.string.contains("matching index"))
            #expect(early.headers.first(name: .retryAfter) == "1")
            _ = try await app.matching.matcher(on: app.db)
            let ready = try await app.testing().sendRequest(.GET, "/readyz")
            #expect(ready.status == .ok && ready.body.string.contains("ready"))
        }
    }

    @Test func metricsCountRequestsByTheirRoutesPatternAndReadTheLedger() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            _ = try await app.testing().sendRequest(.GET, "/api/v1/offers/no-such-offer-here")
            _ = try await app.testing().sendRequest(.RAW(value: "BREW"), "/healthz")
            let metrics = try await app.testing().sendRequest(.GET, "/metrics")
            #expect(metrics.status == .ok && metrics.headers.contentType?.description.hasPrefix("text/plain") == true)
            let text = metrics.body.string
            #expect(text.contains(#"http_requests_total{method="GET",route="/api/v1/offers/:key",status="404"}"#))
            #expect(!text.contains("no-such-offer-here"), "route labels are patterns, never raw paths")
            #expect(!text.contains("BREW") && text.contains(#"method="OTHER""#), "methods are a fixed set")
            #expect(text.contains("# TYPE http_request_duration_seconds histogram"))
            #expect(text.contains(#"clusterxchange_budget_available_cents{partnership="PV"}"#))
            #expect(text.contains("clusterxchange_outbox_messages "))
            // With a token set, only its bearer reads them.
            app.settings.metricsToken = "scrape-me"
            #expect(try await app.testing().sendRequest(.GET, "/metrics").status == .unauthorized)
            let wrong = try await app.testing().sendRequest(.GET, "/metrics", headers: ["Authorization": "Bearer nope"])
            #expect(wrong.status == .unauthorized)
            let right = try await app.testing().sendRequest(.GET, "/metrics", headers: ["Authorization": "Bearer scrape-me"])
            #expect(right.status == .ok)
        }
    }

    @Test func aJSONLogLineIsOneObjectWithTheRequestId() throws {
        var handler = JSONLogHandler(label: "codes.vapor.application", level: .info)
        handler[metadataKey: "request-id"] = "abc-1"
        let event = LogEvent(
            level: .warning, message: "a \"quoted\"\nline", metadata: ["route": "/offers/:key"], source: "App", file: "f",
            function: "g",
            line: 1)
        let line = try #require(handler.line(for: event, at: Date(timeIntervalSince1970: 1_800_000_000)))
        #expect(line.last == 0x0A && line.dropLast().firstIndex(of: 0x0A) == nil, "one line")
        let object = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
        #expect(object["request_id"] as? String == "abc-1" && object["route"] as? String == "/offers/:key")
        #expect(object["level"] as? String == "warning" && object["message"] as? String == "a \"quoted\"\nline")
        #expect(object["time"] as? String == "2027-01-15T08:00:00.000Z")
    }
}
