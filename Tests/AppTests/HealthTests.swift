import Fluent
import FluentSQLiteDriver
import Testing
import VaporTesting

@testable import App

// Requests go through `sendRequest`: with a trailing closure, `test(_:_:)` can bind the closure
// to `beforeRequest` and the checks would never see the response.
@Suite struct HealthTests {
    @Test func healthzAnswersWhenTheDatabaseDoes() async throws {
        try await withApp { app in
            let response = try await app.testing().sendRequest(.GET, "/healthz")
            #expect(response.status == .ok, "\(response.body.string)")
            #expect(try response.content.decode(HealthStatus.self).database == "reachable")
        }
    }

    @Test func healthzIs503WithoutADatabase() async throws {
        try await withApp { app in
            // A SQLite file in a folder that does not exist cannot be opened. (The expected error
            // is not logged, so that a CI log shows only real trouble.)
            app.logger.logLevel = .critical
            app.databases.use(.sqlite(.file("/nonexistent/dir/x.sqlite")), as: DatabaseID(string: "broken"), isDefault: true)
            let response = try await app.testing().sendRequest(.GET, "/healthz")
            #expect(response.status == .serviceUnavailable)
            #expect(try response.content.decode(HealthStatus.self).database == "unreachable")
        }
    }

    @Test func theHomePageRendersWithItsStylesheet() async throws {
        try await withApp { app in
            let page = try await app.testing().sendRequest(.GET, "/")
            #expect(page.status == .ok)
            #expect(page.headers.contentType == .html)
            #expect(page.body.string.contains("Exchanges between Europe"))
            #expect(page.body.string.contains("/css/site.css"))
            let css = try await app.testing().sendRequest(.GET, "/css/site.css")
            #expect(css.status == .ok)
            let missing = try await app.testing().sendRequest(.GET, "/no-such-page")
            #expect(missing.status == .notFound)
        }
    }
}
