import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// What has expired is deleted, and the sweep runs on one instance at a time.
@Suite struct SweepTests {
    @Test func expiredRowsGoAndTheRestStays() async throws {
        try await withApp { app in
            let user = try await makeUser(app, "sue@example.eu")
            let userID = try user.requireID()
            let now = Date()
            let old = now.addingTimeInterval(-40 * 24 * 3600)
            try await UserToken(userID: userID, digest: "expired", expiresAt: now.addingTimeInterval(-1)).create(on: app.db)
            try await UserToken(userID: userID, digest: "valid", expiresAt: now.addingTimeInterval(3600)).create(on: app.db)
            try await BrowserSession(
                tokenDigest: "idle", userID: userID, csrfToken: "x", userAgent: nil, now: old, lifetime: 60 * 24 * 3600
            )
            .create(on: app.db)
            try await BrowserSession(
                tokenDigest: "fresh", userID: userID, csrfToken: "x", userAgent: nil, now: now, lifetime: 3600
            )
            .create(on: app.db)
            let sent = OutboxMessage(recipient: "sue@example.eu", subject: "old", body: "")
            sent.sentAt = old
            try await sent.create(on: app.db)
            try await OutboxMessage(recipient: "sue@example.eu", subject: "waiting", body: "b").create(on: app.db)
            let link = EmailLink(userID: userID, purpose: .passwordReset, now: old)
            try await link.create(on: app.db)
            let counts = try await Sweep.run(on: app.db, now: now)
            #expect(counts.tokens == 1 && counts.sessions == 1 && counts.mail == 1 && counts.emailLinks == 1)
            #expect(try await UserToken.query(on: app.db).all().map(\.digest) == ["valid"])
            #expect(try await BrowserSession.query(on: app.db).all().map(\.tokenDigest) == ["fresh"])
            #expect(try await OutboxMessage.query(on: app.db).all().map(\.subject) == ["waiting"])
        }
    }

    @Test func oneInstanceAtATimeWinsAJobsTurn() async throws {
        try await withInstances(2) { apps in
            let now = Date()
            let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
                for app in apps + apps {
                    group.addTask { try await PeriodicJobs.claim("sweep", interval: 600, now: now, on: app.db) }
                }
                return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            #expect(wins == 1)
            #expect(try await PeriodicJobs.claim("sweep", interval: 600, now: now.addingTimeInterval(601), on: apps[1].db))
        }
    }
}
