import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Every answer carries the security headers; anything personal is never cached.
@Suite struct SecurityHeadersTests {
    @Test func everyAnswerCarriesThem() async throws {
        try await withApp { app in
            for path in ["/", "/catalogue", "/api/v1/offers", "/no-such-page", "/css/site.css", "/healthz"] {
                let response = try await app.testing().sendRequest(.GET, path)
                let csp = response.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), "\(path)")
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(path)")
                #expect(response.headers.first(name: "Referrer-Policy") == "same-origin", "\(path)")
                // No https here, so no HSTS.
                #expect(response.headers.first(name: "Strict-Transport-Security") == nil, "\(path)")
            }
        }
    }

    @Test func personalAnswersAreNeverStored() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(ImportTests.valid, into: app.db)
            try await makeUser(app, "mia@example.eu", organisation: "O0")
            let browser = TestBrowser(app)
            try await browser.post("/login", form: ["email": "mia@example.eu", "password": "a-long-password"])
            #expect(try await browser.get("/my").headers.first(name: .cacheControl) == "no-store")
            #expect(try await browser.get("/catalogue").headers.first(name: .cacheControl) == "no-store")
            let api = APIClient(app: app, token: try await token(app, "mia@example.eu"))
            #expect(try await api.send(.GET, "/api/v1/me").headers.first(name: .cacheControl) == "no-store")
            #expect(try await app.testing().sendRequest(.GET, "/login").headers.first(name: .cacheControl) == "no-store")
            // The public catalogue, read anonymously, may be cached but is revalidated.
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/offers").headers.first(name: .cacheControl) == "no-cache")
        }
    }

    @Test func noPageNeedsInlineStylesOrScripts() throws {
        let views = Executable.packageRoot.appendingPathComponent("Resources/Views")
        for file in try FileManager.default.contentsOfDirectory(atPath: views.path) where file.hasSuffix(".leaf") {
            let text = try String(contentsOf: views.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("style=\""), "\(file) has an inline style, which the Content-Security-Policy blocks")
            #expect(!text.contains("<script>"), "\(file) has an inline script")
            #expect(text.range(of: #"\son[a-z]+="#, options: .regularExpression) == nil, "\(file) has an inline event handler")
        }
    }
}
