import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Sign-in throttling counts per address and client and per client, does not let a guesser
/// elsewhere lock a person out, and its attempts are swept after a day (`SignInAbuseTests` for the rest).
@Suite struct ThrottlingTests {
    func attempt(_ app: Application, _ email: String, _ password: String, from client: String) async throws -> HTTPStatus {
        try await app.testing().sendRequest(
            .POST, "/api/v1/auth/token",
            beforeRequest: { request in
                request.headers.replaceOrAdd(name: "X-Forwarded-For", value: client)
                try request.content.encode(["email": email, "password": password])
            }
        ).status
    }

    @Test func aGuesserElsewhereDoesNotLockThePersonOut() async throws {
        try await withApp { app in
            app.settings.trustsForwardedFor = true
            try await makeUser(app, "vic@example.eu")
            for _ in 0..<SignInThrottle.maximumFailuresPerAddressAndClient + 2 {
                _ = try await attempt(app, "vic@example.eu", "guess-guess-guess", from: "198.51.100.9")
            }
            #expect(try await attempt(app, "vic@example.eu", "a-long-password", from: "198.51.100.9") == .tooManyRequests)
            #expect(try await attempt(app, "vic@example.eu", "a-long-password", from: "192.0.2.44") == .ok)
        }
    }

    @Test func oneClientTryingManyAddressesIsStopped() async throws {
        try await withApp { app in
            app.settings.trustsForwardedFor = true
            for number in 0..<SignInThrottle.maximumFailuresPerClient {
                let status = try await attempt(app, "nobody\(number)@example.eu", "guess-guess-guess", from: "203.0.113.99")
                #expect(status == .unauthorized)
            }
            let sameClient = try await attempt(app, "another@example.eu", "guess-guess-guess", from: "203.0.113.99")
            #expect(sameClient == .tooManyRequests)
            let otherClient = try await attempt(app, "another@example.eu", "guess-guess-guess", from: "203.0.113.100")
            #expect(otherClient == .unauthorized)
        }
    }

    @Test func attemptsAreIndexedAndSweptAway() async throws {
        try await withApp { app in
            app.settings.trustsForwardedFor = true
            _ = try await attempt(app, "old@example.eu", "guess-guess-guess", from: "203.0.113.1")
            try await LoginAttempt.query(on: app.db).set(\.$at, to: Date().addingTimeInterval(-SignInThrottle.accountWindow - 60))
                .update()
            _ = try await attempt(app, "new@example.eu", "guess-guess-guess", from: "203.0.113.1")
            let swept = try await Sweep.run(on: app.db)
            #expect(swept.loginAttempts == 1)
            #expect(try await LoginAttempt.query(on: app.db).all().map(\.email) == ["new@example.eu"])
        }
    }
}
