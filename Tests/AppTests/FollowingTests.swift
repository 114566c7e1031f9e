import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Following, "I'm interested", and the digest with its one-click unsubscribe (RFC 8058).
@Suite struct FollowingTests {
    static func moveClock(_ app: Application, hours: Double) {
        app.settings.clock = PlatformClock.stopped(at: Date().addingTimeInterval(hours * 3600))
    }

    @Test func aFollowerGetsADigestOfWhatIsNewWithOneClickUnsubscribe() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let visitor = try await TestBrowser.signedIn(app, "visitor@v1.example")
            // Nothing is followed or sent before the person opts in.
            for (kind, target) in [("organisation", "H1"), ("topic", "green solutions"), ("search", "offers:laser week")] {
                let followed = try await visitor.post("/follows", form: ["kind": kind, "target": target, "back": "/following"])
                #expect(followed.status == .seeOther)
            }
            let unknown = try await visitor.post("/follows", form: ["kind": "organisation", "target": "nobody", "back": "/x"])
            #expect(unknown.headers.first(name: .location) == "/x")
            let page = try await visitor.get("/following").body.string
            #expect(page.contains("Munich Laser Centre") && page.contains("offers matching"))
            #expect(try await Following.sendDigests(app.context) == 0)
            _ = try await visitor.post("/following/digest", form: ["frequency": "daily"])

            // Within the day: H1 publishes news (its coordinator approves) and an offer on laser weeks.
            Self.moveClock(app, hours: 1)
            let news = try await scene.host.send(
                .POST, "/api/v1/news",
                json: ["organisation": "H1", "title": "Munich opens a new lab", "body": "Come.", "kind": "news"])
            let id = try news.content.decode(PublicationReceipt.self).id
            try await scene.hostPartnership.send(.POST, "/api/v1/news/\(id)/publish")
            let offer = try await scene.host.send(
                .POST, "/api/v1/organisations/H1/offers",
                json: [
                    "title": "A laser week in Munich", "purposes": ["learn"], "topics": ["laser"],
                    "availableFrom": "2027-03-01", "availableTo": "2027-06-30", "capacity": 2, "languages": ["en"],
                ])
            #expect(offer.status == .created, "\(offer.body.string)")
            #expect(try await Following.sendDigests(app.context) == 0, "not yet a day")

            Self.moveClock(app, hours: 22)
            #expect(try await Following.sendDigests(app.context) == 1)
            let mail = try #require(
                try await OutboxMessage.query(on: app.db).filter(\.$recipient == "visitor@v1.example")
                    .filter(\.$subject ~~ "digest").first())
            #expect(mail.body.contains("News: Munich opens a new lab (Munich Laser Centre)"))
            #expect(mail.body.contains("New offer: A laser week in Munich"))
            let headers = (mail.extraHeaders ?? "").split(separator: "\n").map(String.init)
            let unsubscribe = try #require(headers.first { $0.hasPrefix("List-Unsubscribe: <") })
            #expect(headers.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
            let link = String(unsubscribe.dropFirst("List-Unsubscribe: <".count).dropLast())
            let path = try #require(URL(string: link)?.path)
            #expect(mail.body.contains(link))
            // The same news is not sent twice.
            Self.moveClock(app, hours: 48)
            #expect(try await Following.sendDigests(app.context) == 0)

            // A GET only asks; the one-click POST (no session, no form token) stops it.
            let asked = try await app.testing().sendRequest(.GET, path)
            #expect(asked.status == .ok && asked.body.string.contains("Stop the digest?"))
            #expect(try await DigestPreference.query(on: app.db).count() == 1)
            let clicked = try await app.testing().sendRequest(
                .POST, path, headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "List-Unsubscribe=One-Click"))
            #expect(clicked.status == .ok)
            #expect(try await DigestPreference.query(on: app.db).count() == 0)
            #expect(try await app.testing().sendRequest(.POST, "/unsubscribe/not-a-token").status == .notFound)
        }
    }

    @Test func interestInAnEventTellsItsOrganiserAndFillsThePrivateCalendar() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await scene.publishedEvent()
            let visitor = try await TestBrowser.signedIn(app, "visitor@v1.example")
            let interested = try await visitor.post(
                "/follows", form: ["kind": "event", "target": id.uuidString, "back": "/events/\(id)"])
            #expect(interested.status == .seeOther)
            let host = try #require(try await User.find(email: "host@h1.example", on: app.db))
            let told = try await Notification.query(on: app.db).filter(\.$user.$id == host.requireID()).all().map(\.text)
            #expect(told.contains { $0.contains("of Lyon Photonics Cluster is interested in your event \"Laser open day\"") })
            let link = try await scene.visitor.send(.POST, "/api/v1/auth/calendar-link").content.decode([String: String].self)
            let url = try #require(link["url"])
            let feedPath = try #require(URL(string: url)?.path)
            let feed = try await app.testing().sendRequest(.GET, feedPath).body.string
            #expect(feed.contains("SUMMARY:Laser open day") && feed.contains("DTSTART:20270401T080000Z"))
        }
    }

    @Test func interestInAnOfferOpensAConversationWithItsHost() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            let outsider = try await TestBrowser.signedIn(app, "member@v2.example")
            let opened = try await outsider.post("/offers/FH1/interest", form: [:])
            #expect(opened.status == .seeOther)
            #expect(opened.headers.first(name: .location)?.hasPrefix("/messages/") == true)
            let thread = try #require(try await MessageThread.query(on: app.db).first())
            #expect(thread.subject == "Interested in your offer: A week of laser processing")
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$recipient == "host@h1.example").count() >= 1)
            // Someone without an organisation is told why on the offer's page.
            try await makeUser(app, "alone@example.eu")
            let alone = try await TestBrowser.signedIn(app, "alone@example.eu")
            let refused = try await alone.post("/offers/FH1/interest", form: [:])
            #expect(refused.headers.first(name: .location) == "/offers/FH1")
        }
    }

    @Test func aSavedSearchInTheDigestForgivesPluralsAndATypoAsTheCatalogueDoes() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let member = try await TestBrowser.signedIn(app, "member@v2.example")
            for target in ["offers:lazer weeks", "offers:robotics"] {
                let followed = try await member.post(
                    "/follows", form: ["kind": "search", "target": target, "back": "/following"])
                #expect(followed.status == .seeOther)
            }
            let since = Date().addingTimeInterval(-1)
            let offer = try await scene.host.send(
                .POST, "/api/v1/organisations/H1/offers",
                json: [
                    "title": "A laser week in Munich", "purposes": ["learn"], "topics": ["laser"],
                    "availableFrom": "2027-03-01", "availableTo": "2027-06-30", "capacity": 2, "languages": ["en"],
                ])
            #expect(offer.status == .created, "\(offer.body.string)")
            let user = try #require(try await User.find(email: "member@v2.example", on: app.db))
            let sections = try await app.context.following.news(
                for: try user.requireID(), since: since, until: Date().addingTimeInterval(1))
            // "weeks" is stemmed to "week", "lazer" is one typo from "laser"; nothing new is about robotics.
            #expect(sections.count == 1)
            #expect(sections.first?.lines.map(\.text) == ["New offer: A laser week in Munich"])
        }
    }

    @Test func theAPIFollowsChoosesADigestAndExpressesInterest() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            struct Item: Decodable {
                let id: UUID
                let kind: String
                let target: String
                let label: String
                let link: String
            }
            struct List: Decodable {
                let follows: [Item]
                let digest: String
            }
            let created = try await scene.visitor.send(.POST, "/api/v1/follows", json: ["kind": "organisation", "target": "H1"])
            #expect(created.status == .created)
            let item = try created.content.decode(Item.self)
            #expect(item.label == "Munich Laser Centre" && item.link == "/organisations/H1" && item.target == "H1")
            #expect(created.headers.first(name: .location) == "/api/v1/follows/\(item.id)")
            let again = try await scene.visitor.send(.POST, "/api/v1/follows", json: ["kind": "organisation", "target": "H1"])
            #expect(again.status == .ok)
            #expect(try again.content.decode(Item.self).id == item.id, "following again changes nothing")
            let search = try await scene.visitor.send(
                .POST, "/api/v1/follows", json: ["kind": "search", "target": "offers:Laser"])
            #expect(try search.content.decode(Item.self).target == "offers:laser")
            let refused = try await scene.visitor.send(.POST, "/api/v1/follows", json: ["kind": "planet", "target": "Mars"])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("\"kind\""))
            let unknown = try await scene.visitor.send(.POST, "/api/v1/follows", json: ["kind": "organisation", "target": "X9"])
            #expect(unknown.status == .unprocessableEntity && unknown.body.string.contains("\"target\""))

            var list = try await scene.visitor.send(.GET, "/api/v1/follows").content.decode(List.self)
            #expect(list.follows.count == 2 && list.digest == "none")
            let digest = try await scene.visitor.send(.PUT, "/api/v1/digest", json: ["frequency": "weekly"])
            #expect(digest.status == .ok && digest.body.string.contains("\"frequency\":\"weekly\""))
            #expect(
                try await scene.visitor.send(.PUT, "/api/v1/digest", json: ["frequency": "hourly"]).status == .unprocessableEntity
            )
            list = try await scene.visitor.send(.GET, "/api/v1/follows").content.decode(List.self)
            #expect(list.digest == "weekly")

            // Another person cannot remove it; its owner can, once.
            #expect(try await scene.host.send(.DELETE, "/api/v1/follows/\(item.id)").status == .notFound)
            #expect(try await scene.visitor.send(.DELETE, "/api/v1/follows/\(item.id)").status == .noContent)
            #expect(try await scene.visitor.send(.DELETE, "/api/v1/follows/\(item.id)").status == .notFound)

            // "I'm interested" opens a conversation with the offer's owner.
            let interest = try await scene.visitor.send(.POST, "/api/v1/offers/FH1/interest")
            #expect(interest.status == .created, "\(interest.body.string)")
            struct Receipt: Decodable {
                let thread: UUID
                let with: String
            }
            let receipt = try interest.content.decode(Receipt.self)
            #expect(receipt.with == "Munich Laser Centre")
            #expect(try await scene.visitor.send(.GET, "/api/v1/messages/\(receipt.thread)").status == .ok)
            #expect(try await scene.visitor.send(.POST, "/api/v1/offers/NONE/interest").status == .notFound)
            // A coordinator speaks for no organisation.
            #expect(try await scene.visitorPartnership.send(.POST, "/api/v1/offers/FH1/interest").status == .unprocessableEntity)
        }
    }
}
