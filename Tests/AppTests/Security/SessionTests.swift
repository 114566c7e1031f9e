import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Browser sessions end on the server: after an idle time, after an absolute time, everywhere on
/// request, and on a new password; API tokens are listed and revoked by their owner.
@Suite struct SessionTests {
    func signedIn(_ app: Application, _ email: String) async throws -> TestBrowser {
        let browser = TestBrowser(app)
        let response = try await browser.post("/login", form: ["email": email, "password": "a-long-password"])
        #expect(response.status == .seeOther)
        return browser
    }

    func isSignedIn(_ browser: TestBrowser) async throws -> Bool {
        try await browser.get("/my").status == .ok
    }

    @Test func anIdleSessionEndsOnTheServerWhateverTheCookieSays() async throws {
        try await withApp { app in
            try await makeUser(app, "ida@example.eu")
            let browser = try await signedIn(app, "ida@example.eu")
            #expect(try await isSignedIn(browser))
            let idle = Date().addingTimeInterval(-SessionMiddleware.idleTimeout - 60)
            try await BrowserSession.query(on: app.db).set(\.$lastSeenAt, to: idle).update()
            #expect(try await !isSignedIn(browser))
            // The expired row is gone, not just ignored.
            #expect(try await BrowserSession.query(on: app.db).filter(\.$user.$id != nil).count() == 0)
        }
    }

    @Test func aBusySessionStillEndsAtItsAbsoluteLimit() async throws {
        try await withApp { app in
            try await makeUser(app, "abe@example.eu")
            let browser = try await signedIn(app, "abe@example.eu")
            try await BrowserSession.query(on: app.db).set(\.$expiresAt, to: Date().addingTimeInterval(-1)).update()
            #expect(try await !isSignedIn(browser))
        }
    }

    @Test func signingOutEverywhereEndsEverySessionOfTheAccountOnly() async throws {
        try await withApp { app in
            try await makeUser(app, "eve@example.eu")
            try await makeUser(app, "other@example.eu")
            let laptop = try await signedIn(app, "eve@example.eu")
            let phone = try await signedIn(app, "eve@example.eu")
            let someoneElse = try await signedIn(app, "other@example.eu")
            let account = try await laptop.get("/account")
            #expect(account.body.string.contains("this browser"))
            #expect(try await laptop.post("/logout/everywhere", form: [:]).status == .seeOther)
            #expect(try await !isSignedIn(laptop))
            #expect(try await !isSignedIn(phone))
            #expect(try await isSignedIn(someoneElse))
        }
    }

    @Test func aNewPasswordEndsSessionsAndTokens() async throws {
        try await withApp { app in
            try await makeUser(app, "pat@example.eu")
            let browser = try await signedIn(app, "pat@example.eu")
            let api = APIClient(app: app, token: try await token(app, "pat@example.eu"))
            #expect(try await api.send(.GET, "/api/v1/me").status == .ok)
            try await app.context.passwordResets.request(email: "pat@example.eu")
            let link = try #require(try await deliverMail(app).first?.body.split(separator: "\n").first { $0.contains("token=") })
            let resetToken = try #require(link.components(separatedBy: "token=").last)
            try await app.context.passwordResets.complete(token: resetToken, newPassword: "a-brand-new-password")
            #expect(try await !isSignedIn(browser))
            #expect(try await api.send(.GET, "/api/v1/me").status == .unauthorized)
        }
    }

    @Test func aPersonListsAndRevokesTheirOwnTokens() async throws {
        try await withApp { app in
            try await makeUser(app, "tom@example.eu")
            try await makeUser(app, "ann@example.eu")
            let first = APIClient(app: app, token: try await token(app, "tom@example.eu"))
            let second = APIClient(app: app, token: try await token(app, "tom@example.eu"))
            let others = APIClient(app: app, token: try await token(app, "ann@example.eu"))
            let listed = try await first.send(.GET, "/api/v1/auth/tokens").content.decode([TokenSummaryDTO].self)
            #expect(listed.count == 2)
            #expect(listed.filter(\.current).count == 1)
            // Nobody revokes another person's token: it does not exist for them.
            let secondID = try #require(listed.first { !$0.current }?.id)
            #expect(try await others.send(.DELETE, "/api/v1/auth/tokens/\(secondID)").status == .notFound)
            #expect(try await second.send(.GET, "/api/v1/me").status == .ok)
            #expect(try await first.send(.DELETE, "/api/v1/auth/tokens/\(secondID)").status == .noContent)
            #expect(try await second.send(.GET, "/api/v1/me").status == .unauthorized)
            // The calling token ends itself.
            #expect(try await first.send(.DELETE, "/api/v1/auth/token").status == .noContent)
            #expect(try await first.send(.GET, "/api/v1/me").status == .unauthorized)
            #expect(try await others.send(.GET, "/api/v1/me").status == .ok)
        }
    }

    @Test func aFormTokenBelongsToItsSession() async throws {
        try await withApp { app in
            try await makeUser(app, "cleo@example.eu")
            let mallory = TestBrowser(app)
            try await mallory.get("/login")
            let stolen = try #require(mallory.csrf)
            let victim = TestBrowser(app)
            try await victim.get("/login")
            // Another session's token, an empty one, or none at all: refused.
            for token: String? in [stolen, "", nil] {
                let response = try await victim.post(
                    "/login", form: ["email": "cleo@example.eu", "password": "a-long-password"], csrf: .some(token))
                #expect(response.status == .forbidden, "token \(token ?? "none")")
            }
            #expect(
                try await victim.post("/login", form: ["email": "cleo@example.eu", "password": "a-long-password"]).status
                    == .seeOther)
        }
    }

    @Test func underHTTPSTheCookieIsHostPrefixedAndSecure() async throws {
        try await withApp(publicURL: "https://clusterxchange.example") { app in
            let form = try await app.testing().sendRequest(.GET, "/login")
            let cookie = try #require(form.headers.setCookie?["__Host-cx_form"])
            #expect(cookie.isSecure && cookie.isHTTPOnly && cookie.path == "/" && cookie.domain == nil)
            let signedIn = try await app.testing().sendRequest(
                .POST, "/login",
                headers: [
                    "Cookie": "__Host-cx_form=\(cookie.string)", "Content-Type": "application/x-www-form-urlencoded",
                    "Accept": "text/html",
                ],
                body: ByteBuffer(string: "email=nobody%40example.eu&password=wrong-password-x&_csrf=\(cookie.string)"))
            #expect(signedIn.status == .unauthorized, "the form's token was taken")
            #expect(form.headers.first(name: "Strict-Transport-Security")?.hasPrefix("max-age=") == true)
        }
    }

    @Test func nextIsNeverAnOpenRedirect() {
        for bad in [
            "https://evil.example/", "//evil.example/", "/\t/evil.example", "/%09/evil.example", "/\\evil.example",
            "/\u{0}x", "/ /evil.example", "\\\\evil.example", "/%2F%2Fevil.example", "/%5Cevil.example", "javascript:alert(1)",
            "/\u{85}x",
        ] {
            #expect(SessionController.safeNext(bad) == "/", "\(bad)")
        }
        #expect(
            SessionController.safeNext("/catalogue?country=DE&q=laser%20processing")
                == "/catalogue?country=DE&q=laser%20processing")
    }
}
