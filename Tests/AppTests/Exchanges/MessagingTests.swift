import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Messages between organisations, the bell, and the private calendar feed.
@Suite struct MessagingTests {
    struct Thread: Decodable {
        struct Message: Decodable {
            let from: String
            let body: String
            let mine: Bool
        }

        let id: UUID
        let with: String
        let messages: [Message]
    }

    struct Summary: Decodable {
        let id: UUID
        let unread: Bool
    }

    @Test func organisationsWriteToEachOtherWithoutShowingAddresses() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let started = try await scene.visitor.send(
                .POST, "/api/v1/messages",
                json: [
                    "from": "V1", "to": "H1", "subject": "Your laser line", "body": "Could we visit in March?",
                    "about": "/offers/FH1",
                ])
            #expect(started.status == .created, "\(started.body.string)")
            let thread = try started.content.decode(Thread.self)
            #expect(thread.with == "Munich Laser Centre")
            #expect(!started.body.string.contains("@"), "no e-mail address in a conversation")
            // The host's members are told by e-mail and see it unread.
            let mails = try await OutboxMessage.query(on: app.db).filter(\.$recipient == "host@h1.example").all()
            #expect(mails.count == 1)
            let hostThreads = try await scene.host.send(.GET, "/api/v1/messages").content.decode([Summary].self)
            #expect(hostThreads.map(\.unread) == [true])
            let replied = try await scene.host.send(
                .POST, "/api/v1/messages/\(thread.id)", json: ["body": "Yes, the first week."])
            #expect(replied.status == .ok)
            #expect(try replied.content.decode(Thread.self).messages.map(\.mine) == [false, true])
            #expect(try await scene.host.send(.GET, "/api/v1/messages").content.decode([Summary].self).map(\.unread) == [false])
            #expect(try await scene.visitor.send(.GET, "/api/v1/messages").content.decode([Summary].self).map(\.unread) == [true])
            // The frame's count agrees with the list.
            func unread(_ email: String) async throws -> Int {
                let user = try #require(try await User.find(email: email, on: app.db))
                return try await app.context.acting(as: Caller(user)).bell.counts().messages
            }
            #expect(try await unread("visitor@v1.example") == 1)
            #expect(try await unread("host@h1.example") == 0)
            // In the pages the bell comes with the session; opening the thread reads it, and the
            // frame of that same page already says so.
            let visitorPages = try await TestBrowser.signedIn(app, "visitor@v1.example")
            #expect(try await visitorPages.get("/dashboard").body.string.contains(#"aria-label="1 unread">1</span>"#))
            let opened = try await visitorPages.get("/messages/\(thread.id)").body.string
            #expect(opened.contains("Yes, the first week."))
            #expect(!opened.contains(#"<a href="/messages">Messages <span class="badge""#))
            #expect(!(try await visitorPages.get("/dashboard").body.string.contains(#"<a href="/messages">Messages <span"#)))
            // Someone of neither organisation: 404.
            #expect(try await scene.outsider.send(.GET, "/api/v1/messages/\(thread.id)").status == .notFound)
            #expect(
                try await scene.outsider.send(.POST, "/api/v1/messages/\(thread.id)", json: ["body": "Hi"]).status == .notFound)
            // From an organisation not one's own, to oneself, to nowhere, about another site.
            for (fields, status) in [
                (["from": "H1", "to": "V2"], HTTPStatus.notFound), (["from": "V1", "to": "V1"], .unprocessableEntity),
                (["from": "V1", "to": "NOPE"], .unprocessableEntity),
                (["from": "V1", "to": "H1", "about": "//evil.example"], .unprocessableEntity),
                (["from": "V1", "to": "H1", "about": "/\\evil.example"], .unprocessableEntity),
            ] {
                var json: [String: Any] = ["subject": "Hello", "body": "Hello there."]
                json.merge(fields) { $1 }
                #expect(try await scene.visitor.send(.POST, "/api/v1/messages", json: json).status == status, "\(fields)")
            }
        }
    }

    @Test func theBellCountsWhatIsUnreadAndForgetsItOnceRead() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            _ = try await scene.propose()
            struct Note: Decodable {
                let text: String
                let read: Bool
                let link: String
            }
            let notes = try await scene.host.send(.GET, "/api/v1/notifications").content.decode([Note].self)
            #expect(notes.count == 1)
            #expect(notes[0].link.hasPrefix("/exchanges/"))
            #expect(notes[0].text.contains("accept or decline it by 18 January 2027"))
            #expect(try await scene.host.send(.POST, "/api/v1/notifications/read").status == .noContent)
            #expect(try await scene.host.send(.GET, "/api/v1/notifications").content.decode([Note].self).allSatisfy(\.read))
            // Nobody else's notifications move.
            #expect(try await scene.visitor.send(.GET, "/api/v1/notifications").content.decode([Note].self).isEmpty)
        }
    }

    @Test func thePrivateCalendarShowsTheStaysAndOwnDeadlinesUntilRevoked() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            _ = try await scene.propose()
            struct Link: Decodable { let url: String }
            let link = try await scene.host.send(.POST, "/api/v1/auth/calendar-link").content.decode(Link.self)
            let path = try #require(URL(string: link.url)?.path)
            let feed = try await app.testing().sendRequest(.GET, path)
            #expect(feed.status == .ok)
            #expect(feed.headers.contentType?.description.hasPrefix("text/calendar") == true)
            let text = feed.body.string
            #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n"))
            #expect(text.contains("DTSTART;VALUE=DATE:20270301"))
            #expect(text.contains("DTEND;VALUE=DATE:20270306"), "the end is exclusive in iCalendar")
            #expect(text.contains("SUMMARY:Due: accept or decline the proposal"), "the host's own deadline")
            #expect(text.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 })
            // A new link replaces the old one; a wrong token is a 404.
            let newer = try await scene.host.send(.POST, "/api/v1/auth/calendar-link").content.decode(Link.self)
            #expect(try await app.testing().sendRequest(.GET, path).status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/calendar/nonsense.ics").status == .notFound)
            let newPath = try #require(URL(string: newer.url)?.path)
            #expect(try await app.testing().sendRequest(.GET, newPath).status == .ok)
        }
    }
}
