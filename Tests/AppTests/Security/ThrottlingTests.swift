import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Sign-in throttling holds under parallel guesses, counts per address and per client, and does
/// not let a guesser elsewhere lock a person out.
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

    @Test func parallelGuessesCannotSlipUnderTheLimit() async throws {
        try await withApp { app in
            app.settings.trustsForwardedFor = true
            try await makeUser(app, "bob@example.eu")
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await attempt(app, "bob@example.eu", "wrong-password!", from: "203.0.113.7") }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            // Each attempt is written before the count, so at most the limit are even checked.
            #expect(statuses.filter { $0 == .unauthorized }.count <= Authentication.maximumFailuresPerAddressAndClient)
            #expect(statuses.filter { $0 == .tooManyRequests }.count >= 20 - Authentication.maximumFailuresPerAddressAndClient)
            #expect(try await attempt(app, "bob@example.eu", "a-long-password", from: "203.0.113.7") == .tooManyRequests)
        }
    }

    @Test func aGuesserElsewhereDoesNotLockThePersonOut() async throws {
        try await withApp { app in
            app.settings.trustsForwardedFor = true
            try await makeUser(app, "vic@example.eu")
            for _ in 0..<Authentication.maximumFailuresPerAddressAndClient + 2 {
                _ = try await attempt(app, "vic@example.eu", "guess-guess-guess", from: "198.51.100.9")
            }
            #expect(try await attempt(app, "vic@example.eu", "a-long-password", from: "198.51.100.9") == .tooManyRequests)
            #expect(try await attempt(app, "vic@example.eu", "a-long-password", from: "192.0.2.44") == .ok)
        }
    }

    @Test func oneClientTryingManyAddressesIsStopped() async throws {
        try await withApp { app in
            app.settings.trustsForwardedFor = true
            for number in 0..<Authentication.maximumFailuresPerClient {
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
            try await LoginAttempt.query(on: app.db).set(\.$at, to: Date().addingTimeInterval(-Authentication.window - 60))
                .update()
            _ = try await attempt(app, "new@example.eu", "guess-guess-guess", from: "203.0.113.1")
            let swept = try await Sweep.run(on: app.db)
            #expect(swept.loginAttempts == 1)
            #expect(try await LoginAttempt.query(on: app.db).all().map(\.email) == ["new@example.eu"])
        }
    }
}
