import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite struct PasswordResetTests {
    func post(_ app: Application, _ path: String, _ body: [String: String]) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, path, beforeRequest: { try $0.content.encode(body) })
    }

    @Test func aMailedLinkSetsANewPasswordOnce() async throws {
        try await withApp { app in
            try await makeUser(app, "erin@example.eu")
            let oldToken = try await token(app, "erin@example.eu")
            #expect(try await post(app, "/api/v1/auth/password-reset", ["email": "ERIN@example.eu"]).status == .accepted)
            #expect(try await post(app, "/api/v1/auth/password-reset", ["email": "nobody@example.eu"]).status == .accepted)
            let mails = try await deliverMail(app)
            #expect(mails.map(\.to) == ["erin@example.eu"])
            let body = try #require(mails.first?.body)
            // The outbox kept neither the link nor the token: only the digest is stored.
            #expect(try await OutboxMessage.query(on: app.db).all().allSatisfy { $0.body.isEmpty })
            let link = try #require(
                body.components(separatedBy: .whitespacesAndNewlines).first { $0.contains("/password/reset?token=") })
            let resetToken = try #require(link.components(separatedBy: "token=").last)

            #expect(
                try await post(
                    app, "/api/v1/auth/password-reset/confirm", ["token": "forged", "password": "another-long-password"]
                ).status == .gone)
            let short = try await post(app, "/api/v1/auth/password-reset/confirm", ["token": resetToken, "password": "short"])
            #expect(short.status == .unprocessableEntity)
            #expect(
                try await post(
                    app, "/api/v1/auth/password-reset/confirm", ["token": resetToken, "password": "another-long-password"]
                ).status == .noContent)
            #expect(
                try await post(
                    app, "/api/v1/auth/password-reset/confirm", ["token": resetToken, "password": "yet-another-password"]
                ).status == .gone)

            #expect(
                try await post(app, "/api/v1/auth/token", ["email": "erin@example.eu", "password": "a-long-password"]).status
                    == .unauthorized)
            #expect(
                try await post(app, "/api/v1/auth/token", ["email": "erin@example.eu", "password": "another-long-password"])
                    .status == .ok)
            // Old API tokens stop working.
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: oldToken)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: headers).status == .unauthorized)
        }
    }

    @Test func thePagesWalkThroughIt() async throws {
        try await withApp { app in
            try await makeUser(app, "fred@example.eu")
            let browser = TestBrowser(app)
            let sent = try await browser.post("/password/forgot", form: ["email": "fred@example.eu"])
            #expect(sent.body.string.contains("a link to choose a new password is on its way"))
            let body = try #require(try await deliverMail(app).first?.body)
            #expect(body.contains("http://127.0.0.1:8080/password/reset?token="))
            let resetToken = try #require(
                body.components(separatedBy: "token=").last?.components(separatedBy: .whitespacesAndNewlines).first)
            #expect(try await browser.get("/password/reset?token=\(resetToken)").body.string.contains("value=\"\(resetToken)\""))
            let done = try await browser.post("/password/reset", form: ["token": resetToken, "password": "a-brand-new-password"])
            #expect(done.status == .seeOther)
            let signedIn = try await browser.post(
                "/login", form: ["email": "fred@example.eu", "password": "a-brand-new-password"])
            #expect(signedIn.status == .seeOther)
        }
    }
}
