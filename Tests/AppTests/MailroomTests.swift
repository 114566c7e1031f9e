import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// The support office's mail room (issue 20): without a mail server a new person can still finish
/// signing up, because the confirmation is kept readable at `/support/mail`; the counts say what
/// really left.
@Suite struct MailroomTests {
    /// Delivers the outbox as `serve` does without `SMTP_URL` (nothing leaves; a copy is kept).
    func deliverToTheLog(_ app: Application) async throws {
        try await OutboxDelivery(transport: LogTransport(logger: app.logger), logger: app.logger, linkBase: app.linkBase)
            .deliverPending(on: app.db)
    }

    @Test func withoutAMailServerTheSupportOfficeReadsTheConfirmationAndItsLinkWorks() async throws {
        try await withApp { app in
            try await makeUser(app, "office@example.eu", role: .admin)
            let newcomer = TestBrowser(app)
            try await newcomer.get("/register")
            let signedUp = try await newcomer.post(
                "/register", form: ["name": "Ewa Nowak", "email": "ewa@example.eu", "password": "a-long-password"])
            #expect(signedUp.status == .ok)
            try await deliverToTheLog(app)

            let office = try await TestBrowser.signedIn(app, "office@example.eu")
            let dashboard = try await office.get("/dashboard").body.string
            #expect(dashboard.contains("No mail server is set"))
            #expect(dashboard.contains("1 kept here"))
            let list = try await office.get("/support/mail").body.string
            #expect(list.contains("Confirm your ClusterXchange account"))
            #expect(list.contains("To ewa@example.eu") || list.contains("(ewa@example.eu)"))
            #expect(list.contains("no mail server is set (SMTP_URL), so it is kept here to read"))
            let id = try #require(try await OutboxMessage.query(on: app.db).first()?.requireID())
            let letter = try await office.get("/support/mail/\(id)").body.string
            let link = try #require(
                letter.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
                    .first { $0.contains("/register/confirm?token=") })
            let path = try #require(URL(string: String(link).replacingOccurrences(of: "&amp;", with: "&")))
            let token = try #require(URLComponents(url: path, resolvingAgainstBaseURL: false)?.queryItems?.first?.value)

            // The newcomer follows the link the support office passed on, and is in.
            let confirmed = try await newcomer.post("/register/confirm", form: ["token": token])
            #expect(confirmed.status == .seeOther)
            #expect(confirmed.headers.first(name: .location) == "/dashboard")

            // Sent again: a new message with a new link; the one passed on is used already.
            let again = try await office.post("/support/mail/\(id)/again", form: [:])
            #expect(again.status == .seeOther)
            #expect(try await OutboxMessage.query(on: app.db).count() == 2)
        }
    }

    @Test func failedMailIsSaidAndTriedAgainOnRequest() async throws {
        try await withApp { app in
            try await makeUser(app, "office@example.eu", role: .admin)
            try await makeUser(app, "kai@example.eu")
            try await app.context.passwordResets.request(email: "kai@example.eu")
            let transport = RecordingTransport()
            transport.failing = true
            try await OutboxDelivery(transport: transport, logger: app.logger).deliverPending(on: app.db)
            let office = try await TestBrowser.signedIn(app, "office@example.eu")
            let failing = try await office.get("/support/mail?state=failing").body.string
            #expect(failing.contains("Reset your ClusterXchange password"))
            #expect(failing.contains("Failed 1 time, to be tried again"))
            let message = try #require(try await OutboxMessage.query(on: app.db).first())
            #expect(try await office.post("/support/mail/\(try message.requireID())/again", form: [:]).status == .seeOther)
            let retried = try #require(try await OutboxMessage.find(message.requireID(), on: app.db))
            #expect(retried.attempts == 0 && retried.claimedUntil == nil)
            transport.failing = false
            try await OutboxDelivery(transport: transport, logger: app.logger).deliverPending(on: app.db)
            #expect(transport.messages.map(\.to) == ["kai@example.eu"])
            let delivered = try await office.get("/support/mail?state=delivered").body.string
            #expect(delivered.contains("Delivered to the mail server."))
            let counts = try await app.context.acting(
                as: Caller(try #require(try await User.find(email: "office@example.eu", on: app.db)))
            )
            .mailroom.counts()
            #expect(counts.deliveredToday == 1 && counts.keptToday == 0 && counts.failing == 0)
            // Its text is not kept once delivered, and it cannot be sent again.
            #expect(try await office.post("/support/mail/\(try message.requireID())/again", form: [:]).status == .conflict)
            #expect(try await office.get("/support/mail?state=nonsense").status == .badRequest)
        }
    }

    @Test func onlyTheSupportOfficeReadsTheOutbox() async throws {
        try await withApp { app in
            try await makeUser(app, "member@example.eu")
            let member = try await TestBrowser.signedIn(app, "member@example.eu")
            #expect(try await member.get("/support/mail").status == .forbidden)
            #expect(try await TestBrowser(app).get("/support/mail").status == .seeOther)
        }
    }
}
