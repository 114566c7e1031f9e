import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Sign-in that cannot be turned against its users (issue 19): only wrong passwords count, refused
/// attempts do not keep anyone out longer, and a client that has not failed is never locked out by
/// others' failures.
@Suite struct SignInAbuseTests {
    func attempt(_ app: Application, _ email: String, _ password: String, from client: String) async throws
        -> TestingHTTPResponse
    {
        try await app.testing().sendRequest(
            .POST, "/api/v1/auth/token",
            beforeRequest: { request in
                request.headers.replaceOrAdd(name: "X-Forwarded-For", value: client)
                try request.content.encode(["email": email, "password": password])
            })
    }

    func failures(_ app: Application, _ email: String) async throws -> Int {
        try await LoginAttempt.query(on: app.db).filter(\.$email == email).filter(\.$succeeded == false)
            .filter(\.$pending == false).count()
    }

    @Test func refusedAttemptsAreNotCountedSoTheyCannotExtendALock() async throws {
        try await withApp { app in
            app.settings.trustsForwardedFor = true
            try await makeUser(app, "rita@example.eu")
            for _ in 0..<SignInThrottle.maximumFailuresPerAddressAndClient {
                #expect(
                    try await attempt(app, "rita@example.eu", "guess-guess-guess", from: "203.0.113.5").status == .unauthorized)
            }
            // The guesser keeps trying: every attempt is refused, and none is stored.
            for _ in 0..<50 {
                let refused = try await attempt(app, "rita@example.eu", "guess-guess-guess", from: "203.0.113.5")
                #expect(refused.status == .tooManyRequests)
                let retryAfter = Int(refused.headers.first(name: "Retry-After") ?? "") ?? 0
                #expect((1...900).contains(retryAfter))
            }
            #expect(try await failures(app, "rita@example.eu") == SignInThrottle.maximumFailuresPerAddressAndClient)
            #expect(try await LoginAttempt.query(on: app.db).count() == SignInThrottle.maximumFailuresPerAddressAndClient)
            // Rita, elsewhere, signs in as ever.
            #expect(try await attempt(app, "rita@example.eu", "a-long-password", from: "192.0.2.10").status == .ok)
        }
    }

    @Test func fiftyFiveGuessesFromOneClientDoNotLockTheAccountElsewhere() async throws {
        try await withApp { app in
            app.settings.trustsForwardedFor = true
            try await makeUser(app, "sam@example.eu")
            for _ in 0..<55 {
                _ = try await attempt(app, "sam@example.eu", "guess-guess-guess", from: "198.51.100.20")
            }
            #expect(try await attempt(app, "sam@example.eu", "a-long-password", from: "192.0.2.11").status == .ok)
            #expect(try await attempt(app, "sam@example.eu", "a-long-password", from: "198.51.100.20").status == .tooManyRequests)
        }
    }

    @Test func parallelRightPasswordsAllSignInAndNoneIsAFailure() async throws {
        try await withApp { app in
            app.settings.trustsForwardedFor = true
            try await makeUser(app, "tess@example.eu")
            let answers = try await withThrowingTaskGroup(of: (HTTPStatus, String).self) { group in
                for _ in 0..<48 {
                    group.addTask {
                        // A client told "busy" (503, Retry-After) under the whole suite's load tries again.
                        var answer = try await attempt(app, "tess@example.eu", "a-long-password", from: "203.0.113.48")
                        for _ in 0..<3 where answer.status == .serviceUnavailable {
                            try await Task.sleep(for: .seconds(1))
                            answer = try await attempt(app, "tess@example.eu", "a-long-password", from: "203.0.113.48")
                        }
                        return (answer.status, answer.body.string)
                    }
                }
                return try await group.reduce(into: [(HTTPStatus, String)]()) { $0.append($1) }
            }
            #expect(answers.filter { $0.0 == .ok }.count == 48, "\(answers.filter { $0.0 != .ok }.map(\.1))")
            #expect(try await failures(app, "tess@example.eu") == 0)
            #expect(try await LoginAttempt.query(on: app.db).filter(\.$succeeded == true).count() == 48)
        }
    }

    @Test func parallelWrongPasswordsStillStopAtTheLimit() async throws {
        try await withApp { app in
            app.settings.trustsForwardedFor = true
            try await makeUser(app, "uma@example.eu")
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await attempt(app, "uma@example.eu", "guess-guess-guess", from: "203.0.113.49").status }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == SignInThrottle.maximumFailuresPerAddressAndClient)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 20 - SignInThrottle.maximumFailuresPerAddressAndClient)
            #expect(try await failures(app, "uma@example.eu") == SignInThrottle.maximumFailuresPerAddressAndClient)
        }
    }

    /// Many machines on one account (NIST SP 800-63B's "at most 100 consecutive failures"): past the
    /// limit, an attempt waits a little and a client that already failed on it waits for the window,
    /// but a client that has not failed signs in.
    @Test func anAccountUnderAttackSlowsButDoesNotLockItsOwner() async throws {
        try await withApp { app in
            app.settings.trustsForwardedFor = true
            try await makeUser(app, "vera@example.eu")
            // 100 failures from 25 machines, written as the throttle writes them.
            let now = Date()
            for number in 0..<SignInThrottle.accountFailuresBeforeDelay {
                let attempt = LoginAttempt(email: "vera@example.eu", clientAddress: "198.51.100.\(number / 4)", at: now)
                attempt.pending = false
                try await attempt.create(on: app.db)
            }
            // A machine that failed on the account once already is held back for the window.
            #expect(try await attempt(app, "vera@example.eu", "a-long-password", from: "198.51.100.1").status == .tooManyRequests)
            let started = ContinuousClock.now
            #expect(try await attempt(app, "vera@example.eu", "a-long-password", from: "192.0.2.77").status == .ok)
            #expect(ContinuousClock.now - started >= SignInThrottle.accountDelay)
            // That sign-in ends the run of failures: the machines that failed before get their usual five again.
            #expect(try await attempt(app, "vera@example.eu", "a-long-password", from: "198.51.100.1").status == .ok)
        }
    }

    @Test func aNewPasswordClearsTheAccountsFailures() async throws {
        try await withApp { app in
            app.settings.trustsForwardedFor = true
            try await makeUser(app, "wim@example.eu")
            for _ in 0..<SignInThrottle.maximumFailuresPerAddressAndClient {
                _ = try await attempt(app, "wim@example.eu", "guess-guess-guess", from: "203.0.113.60")
            }
            try await app.context.passwordResets.request(email: "wim@example.eu")
            let body = try #require(try await deliverMail(app).last?.body)
            let token = try #require(
                body.components(separatedBy: "token=").last?.components(separatedBy: .whitespacesAndNewlines).first)
            try await app.context.passwordResets.complete(token: token, newPassword: "another-long-password")
            #expect(try await attempt(app, "wim@example.eu", "another-long-password", from: "203.0.113.60").status == .ok)
        }
    }

    @Test func theSignInPageSaysWhenToTryAgainAndOffersANewPassword() async throws {
        try await withApp { app in
            try await makeUser(app, "yara@example.eu")
            let browser = TestBrowser(app)
            for _ in 0..<SignInThrottle.maximumFailuresPerAddressAndClient {
                let wrong = try await browser.post("/login", form: ["email": "yara@example.eu", "password": "guess-guess-guess"])
                #expect(wrong.status == .unauthorized)
            }
            let held = try await browser.post("/login", form: ["email": "yara@example.eu", "password": "a-long-password"])
            #expect(held.status == .tooManyRequests)
            #expect(held.headers.first(name: "Retry-After") != nil)
            #expect(held.body.string.contains("Too many wrong passwords for this account from your network: try again in"))
            #expect(held.body.string.contains("href=\"/password/forgot\""))
            #expect(held.body.string.contains("value=\"yara@example.eu\""), "the address is kept in the form")
        }
    }

    /// bcrypt has a thread of its own with a bounded queue: a crowd of sign-ins is answered 503
    /// beyond it, and never waits on the threads the database uses.
    @Test func hashingHasItsOwnBoundedThread() async throws {
        let work = PasswordWork(threads: 1, capacity: 2)
        let gate = DispatchSemaphore(value: 0)
        async let first: Void = work.run { gate.wait() }
        async let second: Void = work.run { gate.wait() }
        while work.load < 2 { try await Task.sleep(for: .milliseconds(5)) }
        await #expect(throws: AppError.self) { try await work.run { () } }
        gate.signal()
        gate.signal()
        _ = try await (first, second)
        #expect(work.load == 0)
        try await work.run { () }
        try await work.shutdown()
    }
}
