import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// The platform is not a mail cannon (issue 19): what reaches other people's mailboxes is limited
/// per person, organisation, client or address, answered 429 with `Retry-After`, and the first
/// mail to an address carries no text its sender chose.
@Suite struct MailAbuseTests {
    /// A sign-up through the form, from `client`.
    func signUp(_ app: Application, _ email: String, name: String = "Dora", from client: String) async throws
        -> TestingHTTPResponse
    {
        let browser = TestBrowser(app)
        try await browser.get("/register")
        return try await browser.post(
            "/register", form: ["name": name, "email": email, "password": "a-long-password"],
            headers: ["X-Forwarded-For": client])
    }

    /// Fills `limit`'s counter for `subject`, as if it had been reached this very moment.
    func reach(_ app: Application, _ limit: RateLimit, for subject: String) async throws {
        let now = Int(Date().timeIntervalSince1970)
        let seconds = Int(limit.window)
        try await app.db.sql().raw(
            """
            INSERT INTO rate_counters (counter, window_start, hits, expires_at)
            VALUES (\(bind: RateLimiter.counter(limit.name, subject)), \(bind: now - now % seconds), \(bind: limit.limit),
                \(bind: now + 2 * seconds))
            """
        ).run()
    }

    @Test func theConfirmationMailCarriesNoTextTheSignerChose() async throws {
        try await withApp { app in
            app.settings.trustsForwardedFor = true
            let name = "Win a prize at https://evil.example now"
            #expect(try await signUp(app, "victim@example.eu", name: name, from: "203.0.113.1").status == .ok)
            let mail = try #require(try await deliverMail(app).first { $0.to == "victim@example.eu" })
            #expect(!mail.body.contains("evil.example") && !mail.body.contains("prize"))
            #expect(!mail.subject.contains("prize"))
        }
    }

    @Test func signUpsAreLimitedPerAddressAndPerClient() async throws {
        try await withApp { app in
            app.settings.trustsForwardedFor = true
            for number in 0..<RateLimit.signUpPerAddress.limit {
                #expect(try await signUp(app, "one@example.eu", from: "203.0.113.\(number + 10)").status == .ok)
            }
            let sameAddress = try await signUp(app, "one@example.eu", from: "203.0.113.99")
            #expect(sameAddress.status == .tooManyRequests)
            #expect(sameAddress.body.string.contains("Too many sign-ups were asked for with this address"))
            #expect(Int(sameAddress.headers.first(name: "Retry-After") ?? "") ?? 0 > 0)

            for number in 0..<RateLimit.signUpPerClient.limit {
                #expect(try await signUp(app, "many\(number)@example.eu", from: "198.51.100.7").status == .ok)
            }
            #expect(try await signUp(app, "more@example.eu", from: "198.51.100.7").status == .tooManyRequests)
            #expect(try await signUp(app, "more@example.eu", from: "198.51.100.8").status == .ok)
            let sent = try await deliverMail(app)
            #expect(sent.filter { $0.to == "one@example.eu" }.count == RateLimit.signUpPerAddress.limit)
        }
    }

    @Test func passwordResetsAreLimitedPerAddressWhetherOrNotItHasAnAccount() async throws {
        try await withApp { app in
            try await makeUser(app, "kim@example.eu")
            func ask(_ email: String) async throws -> HTTPStatus {
                try await app.testing().sendRequest(
                    .POST, "/api/v1/auth/password-reset", beforeRequest: { try $0.content.encode(["email": email]) }
                ).status
            }
            for _ in 0..<RateLimit.resetPerAddress.limit { #expect(try await ask("kim@example.eu") == .accepted) }
            #expect(try await ask("kim@example.eu") == .tooManyRequests)
            for _ in 0..<RateLimit.resetPerAddress.limit { #expect(try await ask("nobody@example.eu") == .accepted) }
            #expect(try await ask("nobody@example.eu") == .tooManyRequests)
            #expect(try await deliverMail(app).filter { $0.to == "kim@example.eu" }.count == RateLimit.resetPerAddress.limit)
        }
    }

    @Test func anOrganisationNotYetValidatedWritesToNobody() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            let newcomer = try await APIClient.signedIn(app, "new@example.eu")
            let created = try await newcomer.send(
                .POST, "/api/v1/organisations",
                json: [
                    "name": "Brand New Lab", "kind": "innovation-hub", "country": "PL", "city": "Gdańsk", "sectors": ["C26"],
                    "description": "New.", "languages": ["en"],
                ])
            #expect(created.status == .created, "\(created.body.string)")
            let key = try created.content.decode([String: JSONValue].self)["key"]
            guard case .string(let own) = key else { Issue.record("no key"); return }
            let message = try await newcomer.send(
                .POST, "/api/v1/messages", json: ["from": own, "to": "H1", "subject": "Hello", "body": "Buy now."])
            #expect(message.status == .conflict)
            #expect(message.body.string.contains("organisation-not-validated"))
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$recipient == "host@h1.example").count() == 0)
        }
    }

    @Test func messagesAreLimitedPerPerson() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let visitor = try #require(try await User.find(email: "visitor@v1.example", on: app.db))
            try await reach(app, .messagePerPerson, for: try visitor.requireID().uuidString)
            let refused = try await scene.visitor.send(
                .POST, "/api/v1/messages", json: ["from": "V1", "to": "H1", "subject": "Again", "body": "And again."])
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers.first(name: "Retry-After") != nil)
            #expect(try await MessageThread.query(on: app.db).count() == 0)
            // Another member of another organisation writes as ever.
            let other = try await scene.outsider.send(
                .POST, "/api/v1/messages", json: ["from": "V2", "to": "H1", "subject": "Hello", "body": "A question."])
            #expect(other.status == .created)
        }
    }

    @Test func proposalsReportsJoinsAndSubmissionsAreLimitedPerPerson() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let visitor = try #require(try await User.find(email: "visitor@v1.example", on: app.db)).requireID().uuidString
            try await reach(app, .proposalPerPerson, for: visitor)
            let proposal = try await scene.visitor.send(
                .POST, "/api/v1/exchanges",
                json: ["request": "RV1", "offer": "FH1", "start": "2027-03-01", "end": "2027-03-05", "goals": "Learn."])
            #expect(proposal.status == .tooManyRequests)
            #expect(try await Exchange.query(on: app.db).count() == 0)

            try await reach(app, .joinRequestPerPerson, for: visitor)
            #expect(try await scene.visitor.send(.POST, "/api/v1/organisations/H2/join").status == .tooManyRequests)

            try await reach(app, .submissionPerPerson, for: visitor)
            let news = try await scene.visitor.send(
                .POST, "/api/v1/news", json: ["organisation": "V1", "title": "Hello", "body": "News.", "kind": "news"])
            #expect(news.status == .tooManyRequests)

            let submitted = try await scene.host.send(
                .POST, "/api/v1/news", json: ["organisation": "H1", "title": "Open day", "body": "Come.", "kind": "news"])
            let published = try submitted.content.decode(PublicationReceipt.self)
            try await scene.hostPartnership.send(.POST, "/api/v1/news/\(published.id)/publish")
            try await reach(app, .contentReportPerPerson, for: visitor)
            let report = try await scene.visitor.send(.POST, "/api/v1/news/\(published.id)/report", json: ["reason": "spam"])
            #expect(report.status == .tooManyRequests)
            #expect(try await PublicationReport.query(on: app.db).count() == 0)
        }
    }

    @Test func interestInAnEventTellsTheOrganiserOnceHoweverOftenItIsTakenBack() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await scene.publishedEvent()
            for _ in 0..<5 {
                let followed = try await scene.visitor.send(
                    .POST, "/api/v1/follows", json: ["kind": "event", "target": id.uuidString])
                #expect(followed.status == .created, "\(followed.body.string)")
                let follow = try followed.content.decode([String: JSONValue].self)
                guard case .string(let followID) = follow["id"] else { Issue.record("no id"); return }
                #expect(try await scene.visitor.send(.DELETE, "/api/v1/follows/\(followID)").status == .noContent)
            }
            let host = try #require(try await User.find(email: "host@h1.example", on: app.db))
            let told = try await Notification.query(on: app.db).filter(\.$user.$id == host.requireID()).all()
                .filter { $0.text.contains("is interested in your event") }
            #expect(told.count == 1)
        }
    }
}
