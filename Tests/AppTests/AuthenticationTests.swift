import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite struct AuthenticationTests {
    @Test func aTokenOpensTheAPI() async throws {
        try await withApp { app in
            try await makeUser(app, "anna@example.eu")
            let bearer = try await token(app, "anna@example.eu")
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: bearer)
            let me = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: headers)
            #expect(me.status == .ok)
            #expect(me.body.string.contains("anna@example.eu"))

            let anonymous = try await app.testing().sendRequest(.GET, "/api/v1/me")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers.first(name: .contentType)?.hasPrefix("application/problem+json") == true)
            #expect(anonymous.body.string.contains("/problems/unauthenticated"))

            headers.bearerAuthorization = BearerAuthorization(token: "forged")
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: headers).status == .unauthorized)
        }
    }

    @Test func wrongPasswordsAreThrottled() async throws {
        try await withApp { app in
            try await makeUser(app, "bob@example.eu")
            for _ in 0..<SignInThrottle.maximumFailuresPerAddressAndClient {
                let wrong = try await app.testing().sendRequest(
                    .POST, "/api/v1/auth/token",
                    beforeRequest: { request in
                        try request.content.encode(["email": "bob@example.eu", "password": "not-the-password"])
                    })
                #expect(wrong.status == .unauthorized)
                #expect(wrong.body.string.contains("\"field\":\"password\""))
            }
            let throttled = try await app.testing().sendRequest(
                .POST, "/api/v1/auth/token",
                beforeRequest: { request in
                    try request.content.encode(["email": "bob@example.eu", "password": "a-long-password"])
                })
            #expect(throttled.status == .tooManyRequests)
            // Until the first failure leaves the 15 minutes' window.
            #expect((800...900).contains(Int(throttled.headers.first(name: "Retry-After") ?? "") ?? 0))
        }
    }

    @Test func malformedTokenRequestsNameTheField() async throws {
        try await withApp { app in
            let response = try await app.testing().sendRequest(
                .POST, "/api/v1/auth/token",
                beforeRequest: { request in
                    try request.content.encode(["email": "x@example.eu"])
                })
            #expect(response.status == .badRequest)
            #expect(response.body.string.contains("\"field\":\"password\""))
        }
    }

    @Test func signingInAndOutInTheBrowser() async throws {
        try await withApp { app in
            try await makeUser(app, "carla@example.eu")
            let browser = TestBrowser(app)
            let form = try await browser.get("/login?next=%2Fcatalogue")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("value=\"/catalogue\""))
            // The form's token lives in a cookie of its own (no session yet), HttpOnly and SameSite=Lax.
            let anonymous = try #require(form.headers.setCookie?["cx_form"])
            #expect(anonymous.isHTTPOnly && anonymous.sameSite == .lax)

            let forged = try await browser.post(
                "/login", form: ["email": "carla@example.eu", "password": "a-long-password"], csrf: "forged")
            #expect(forged.status == .forbidden)

            let wrong = try await browser.post("/login", form: ["email": "carla@example.eu", "password": "wrong-password"])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.string.contains("the e-mail or the password is wrong"))

            let signedIn = try await browser.post(
                "/login", form: ["email": "carla@example.eu", "password": "a-long-password", "next": "/catalogue"])
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers.first(name: .location) == "/catalogue")
            let session = try #require(signedIn.headers.setCookie?["cx_session"])
            #expect(session.isHTTPOnly && session.sameSite == .lax && !session.isSecure)

            #expect(try await browser.get("/").body.string.contains("Sign out carla"))
            // Signing in again gives a new session id.
            let again = try await browser.post("/login", form: ["email": "carla@example.eu", "password": "a-long-password"])
            #expect(try #require(again.headers.setCookie?["cx_session"]).string != session.string)
            let out = try await browser.post("/logout", form: [:])
            #expect(out.status == .seeOther)
            #expect(!(try await browser.get("/").body.string.contains("Sign out")))
        }
    }

    @Test func neverAnOpenRedirect() {
        #expect(SessionController.safeNext("https://evil.example/") == "/")
        #expect(SessionController.safeNext("//evil.example/") == "/")
        #expect(SessionController.safeNext("/catalogue?country=DE") == "/catalogue?country=DE")
    }

    @Test func registrationShowsErrorsBesideTheFields() async throws {
        try await withApp { app in
            let browser = TestBrowser(app)
            let bad = try await browser.post("/register", form: ["name": "Dora", "email": "dora", "password": "short"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("id=\"email-error\""))
            #expect(bad.body.string.contains("must be at least 12 characters"))
            #expect(bad.body.string.contains("value=\"Dora\""))
            let good = try await browser.post(
                "/register", form: ["name": "Dora", "email": "dora@example.eu", "password": "a-long-password"])
            #expect(good.status == .ok)
            #expect(good.body.string.contains("Check your e-mail"))
            // Signing in waits for the confirmation.
            let early = try await browser.post("/login", form: ["email": "dora@example.eu", "password": "a-long-password"])
            #expect(early.status == .conflict)
            #expect(early.body.string.contains("confirm your address first"))
            // A second sign-up with the same address gets the very same page: no one learns who has an account.
            let again = try await TestBrowser(app).post(
                "/register", form: ["name": "Dora", "email": "dora@example.eu", "password": "a-long-password"])
            #expect(again.status == good.status)
            #expect(
                again.body.string.replacingOccurrences(of: #"value="[^"]*""#, with: "", options: .regularExpression)
                    == good.body.string.replacingOccurrences(of: #"value="[^"]*""#, with: "", options: .regularExpression))
        }
    }
}
