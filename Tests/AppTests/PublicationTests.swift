import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// News, achievements and events: submitted by members, published or rejected by a coordinator
/// of the organisation's partnership or the support office, trusted publishers, reports.
@Suite struct PublicationTests {
    static var news: [String: Any] {
        [
            "organisation": "V1", "title": "Lyon's lasers cut twice as fast", "body": "First paragraph.\n\nSecond paragraph.",
            "kind": "news",
        ]
    }

    /// Submits as the visitor (a member of V1, partnership PV).
    static func submit(_ scene: ExchangeScene, _ json: [String: Any] = news, at path: String = "/api/v1/news") async throws
        -> UUID
    {
        let response = try await scene.visitor.send(.POST, path, json: json)
        #expect(response.status == .created, "\(response.body.string)")
        let receipt = try response.content.decode(PublicationReceipt.self)
        #expect(response.headers.first(name: .location) == "\(path)/\(receipt.id)")
        return receipt.id
    }

    static func notifications(_ app: Application, _ email: String) async throws -> [String] {
        let user = try #require(try await User.find(email: email, on: app.db))
        return try await Notification.query(on: app.db).filter(\.$user.$id == user.requireID()).all().map(\.text)
    }

    @Test func aMemberSubmitsAndTheirPartnershipsCoordinatorPublishes() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let anonymous = APIClient(app: app, token: nil)
            let id = try await Self.submit(scene)
            let pending = try await scene.visitor.send(.GET, "/api/v1/news/\(id)").content.decode(NewsItem.self)
            #expect(pending.status == .pending)
            // Nothing is public before review.
            #expect(try await anonymous.send(.GET, "/api/v1/news/\(id)").status == .notFound)
            #expect(try await anonymous.send(.GET, "/api/v1/news").content.decode([NewsItem].self).isEmpty)
            #expect(!(try await app.testing().sendRequest(.GET, "/news.atom").body.string.contains("twice as fast")))
            #expect(try await Self.notifications(app, "coordinator@pv.example").contains { $0.contains("asks to publish") })

            // Only the organisation's partnership (or the support office) decides; to another
            // partnership's coordinator the pending item is not there at all.
            #expect(try await scene.hostPartnership.send(.POST, "/api/v1/news/\(id)/publish").status == .notFound)
            #expect(try await scene.visitor.send(.POST, "/api/v1/news/\(id)/publish").status == .forbidden)
            let published = try await scene.visitorPartnership.send(.POST, "/api/v1/news/\(id)/publish")
            #expect(published.status == .ok)
            #expect(try published.content.decode(NewsItem.self).status == .published)
            #expect(try await Self.notifications(app, "visitor@v1.example").contains { $0.contains("is published") })

            let listed = try await anonymous.send(.GET, "/api/v1/news").content.decode([NewsItem].self)
            #expect(listed.map(\.id) == [id])
            #expect(listed.first?.organisationName == "Lyon Photonics Cluster")
            let atom = try await app.testing().sendRequest(.GET, "/news.atom")
            #expect(atom.headers.contentType?.description.hasPrefix("application/atom+xml") == true)
            #expect(atom.body.string.contains("<title>Lyon&apos;s lasers cut twice as fast</title>"))
            #expect(atom.body.string.contains("urn:uuid:\(id.uuidString.lowercased())"))
            let page = try await app.testing().sendRequest(.GET, "/news/\(id)").body.string
            #expect(page.contains("<p class=\"text\">Second paragraph.</p>"))
            #expect(try await app.testing().sendRequest(.GET, "/organisations/V1").body.string.contains("twice as fast"))
        }
    }

    @Test func aRejectionSaysWhyAndTheItemStaysPrivate() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await Self.submit(scene)
            let noReason = try await scene.visitorPartnership.send(.POST, "/api/v1/news/\(id)/reject", json: ["reason": " "])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("reason"))
            let rejected = try await scene.admin.send(
                .POST, "/api/v1/news/\(id)/reject", json: ["reason": "Please name the partners"])
            #expect(try rejected.content.decode(NewsItem.self).status == .rejected)
            #expect(try await Self.notifications(app, "visitor@v1.example").contains { $0.contains("Please name the partners") })
            #expect(try await APIClient(app: app, token: nil).send(.GET, "/api/v1/news/\(id)").status == .notFound)
            #expect(try await scene.visitor.send(.GET, "/api/v1/news/\(id)").content.decode(NewsItem.self).reason != nil)
        }
    }

    @Test func theSupportOfficeTrustsAPublisherWhoseItemsThenAppearAtOnce() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let coordinator = try await TestBrowser.signedIn(app, "coordinator@pv.example")
            #expect(try await coordinator.post("/moderation/trusted/V1", form: ["trusted": "yes"]).status == .forbidden)
            let office = try await TestBrowser.signedIn(app, "admin@example.eu")
            let marked = try await office.post("/moderation/trusted/V1", form: ["trusted": "yes"])
            #expect(marked.status == .seeOther)
            let response = try await scene.visitor.send(.POST, "/api/v1/news", json: Self.news)
            #expect(try response.content.decode(PublicationReceipt.self).status == .published)
            _ = try await office.post("/moderation/trusted/V1", form: ["trusted": "no"])
            let again = try await scene.visitor.send(.POST, "/api/v1/news", json: Self.news)
            #expect(try again.content.decode(PublicationReceipt.self).status == .pending)
        }
    }

    @Test func threeReportsHideAnItemUntilAModeratorPublishesItAgain() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await Self.submit(scene)
            try await scene.visitorPartnership.send(.POST, "/api/v1/news/\(id)/publish")
            let report = "/api/v1/news/\(id)/report"
            var receipt = try await scene.host.send(.POST, report, json: ["reason": "spam"]).content.decode(ReportReceipt.self)
            receipt = try await scene.host.send(.POST, report, json: [:]).content.decode(ReportReceipt.self)
            #expect(receipt.reports == 1 && !receipt.hidden, "one person counts once")
            receipt = try await scene.outsider.send(.POST, report, json: [:]).content.decode(ReportReceipt.self)
            #expect(receipt.reports == 2 && !receipt.hidden)
            receipt = try await scene.hostPartnership.send(.POST, report, json: [:]).content.decode(ReportReceipt.self)
            #expect(receipt.reports == 3 && receipt.hidden)
            #expect(try await APIClient(app: app, token: nil).send(.GET, "/api/v1/news/\(id)").status == .notFound)
            #expect(try await Self.notifications(app, "visitor@v1.example").contains { $0.contains("hidden") })

            let queue = try await scene.visitorPartnership.send(.GET, "/api/v1/moderation").content.decode([ModerationItem].self)
            #expect(queue.map(\.id) == [id] && queue.first?.reports == 3 && queue.first?.status == .hidden)
            #expect(
                try await scene.hostPartnership.send(.GET, "/api/v1/moderation").content.decode([ModerationItem].self).isEmpty)
            #expect(try await scene.visitor.send(.GET, "/api/v1/moderation").status == .forbidden)

            try await scene.visitorPartnership.send(.POST, "/api/v1/news/\(id)/publish")
            #expect(try await APIClient(app: app, token: nil).send(.GET, "/api/v1/news/\(id)").status == .ok)
        }
    }

    @Test func anEventIsCheckedFieldByFieldAndFeedsICalendarInUTC() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let bad = try await scene.visitor.send(
                .POST, "/api/v1/events",
                json: [
                    "organisation": "V1", "title": "Open day", "description": "Come.", "start": "2027-05-12 14:00",
                    "end": "2027-05-12T13:00", "timeZone": "CET", "place": NSNull(), "online": NSNull(),
                ])
            #expect(bad.status == .unprocessableEntity)
            for field in ["timeZone", "place"] { #expect(bad.body.string.contains("\"\(field)\""), "\(field)") }
            let backwards = try await scene.visitor.send(
                .POST, "/api/v1/events",
                json: [
                    "organisation": "V1", "title": "Open day", "description": "Come.", "start": "2027-05-12T14:00",
                    "end": "2027-05-12T13:00", "timeZone": "Asia/Tokyo", "place": "Lyon", "online": "ftp://x",
                ])
            for field in ["end", "place", "online"] { #expect(backwards.body.string.contains("\"\(field)\""), "\(field)") }
            let impossible = try await scene.visitor.send(
                .POST, "/api/v1/events",
                json: [
                    "organisation": "V1", "title": "x", "description": "x", "start": "2027-02-31T10:00",
                    "end": "2027-03-01T10:00",
                    "timeZone": "Europe/Paris", "place": "Lyon, FR",
                ])
            #expect(impossible.body.string.contains("\"start\""))

            let id = try await Self.submit(
                scene,
                [
                    "organisation": "V1", "title": "Photonics open day, Tokyo", "description": "Demonstrations; lunch.",
                    "start": "2027-05-12T14:00", "end": "2027-05-12T17:30", "timeZone": "Asia/Tokyo", "place": "Tokyo, JP",
                    "online": "https://meet.example/photonics",
                ], at: "/api/v1/events")
            try await scene.admin.send(.POST, "/api/v1/events/\(id)/publish")
            let event = try await APIClient(app: app, token: nil).send(.GET, "/api/v1/events/\(id)").content.decode(
                EventItem.self)
            #expect(event.startsAt == Date(timeIntervalSince1970: 1_810_098_000))  // 2027-05-12T05:00:00Z
            let ics = try await app.testing().sendRequest(.GET, "/events.ics")
            #expect(ics.headers.contentType?.description.hasPrefix("text/calendar") == true)
            let text = ics.body.string
            #expect(text.contains("UID:event-\(id.uuidString.lowercased())@clusterxchange\r\n"))
            #expect(text.contains("DTSTART:20270512T050000Z\r\n") && text.contains("DTEND:20270512T083000Z\r\n"))
            #expect(text.contains("SUMMARY:Photonics open day\\, Tokyo\r\n"))
            let page = try await app.testing().sendRequest(.GET, "/events/\(id)").body.string
            #expect(page.contains("application/ld+json"))
            #expect(page.contains("\"startDate\":\"2027-05-12T14:00:00+09:00\""))
            #expect(page.contains("Wednesday 12 May 2027, 14:00 to 17:30"))
            let month = try await app.testing().sendRequest(.GET, "/events?month=2027-05").body.string
            #expect(month.contains("Photonics open day, Tokyo"))
            #expect(try await app.testing().sendRequest(.GET, "/events?month=2027-13").status == .badRequest)
        }
    }

    @Test func onlyMembersOfAValidatedOrganisationPublishForIt() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            var other = Self.news
            other["organisation"] = "H1"
            #expect(try await scene.visitor.send(.POST, "/api/v1/news", json: other).status == .notFound)
            let organisation = try #require(try await Organisation.query(on: app.db).filter(\.$key == "V1").first())
            organisation.validationStatus = .pending
            try await organisation.save(on: app.db)
            let refused = try await scene.visitor.send(.POST, "/api/v1/news", json: Self.news)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("validated"))
        }
    }

    @Test func theFormsKeepWhatWasTypedAndConfirm() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            let visitor = try await TestBrowser.signedIn(app, "visitor@v1.example")
            let form = try await visitor.get("/news/new")
            #expect(form.body.string.contains("Lyon Photonics Cluster"))
            let refused = try await visitor.post(
                "/news", form: ["organisation": "V1", "kind": "news", "title": "Kept title", "body": ""])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Kept title"))
            let sent = try await visitor.post(
                "/events",
                form: [
                    "organisation": "V1", "title": "Lyon meetup", "description": "Talks.", "start": "2027-06-01T09:00",
                    "end": "2027-06-01T12:00", "timeZone": "Europe/Paris", "place": "Lyon, FR", "online": "",
                ])
            #expect(sent.status == .seeOther)
            let next = try await visitor.get(try #require(sent.headers.first(name: .location)))
            #expect(next.body.string.contains("Sent for review"))
            let coordinator = try await TestBrowser.signedIn(app, "coordinator@pv.example")
            let queue = try await coordinator.get("/moderation").body.string
            #expect(queue.contains("Lyon meetup") && queue.contains("waiting since today"))
        }
    }

    @Test func anAchievementNamesTheFundedExchangeItCameFrom() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await scene.propose().id
            var story = Self.news
            story["kind"] = "achievement"
            story["exchange"] = id.uuidString
            let early = try await scene.visitor.send(.POST, "/api/v1/news", json: story)
            #expect(early.status == .unprocessableEntity, "a proposal is not yet an exchange to tell about")
            try await scene.signed(id)
            try await scene.act(scene.visitorPartnership, id, "approve-funding")
            var wrongKind = story
            wrongKind["kind"] = "news"
            #expect(try await scene.visitor.send(.POST, "/api/v1/news", json: wrongKind).status == .unprocessableEntity)
            let item = try await Self.submit(scene, story)
            try await scene.visitorPartnership.send(.POST, "/api/v1/news/\(item)/publish")
            let read = try await scene.visitor.send(.GET, "/api/v1/news/\(item)").content.decode(NewsItem.self)
            #expect(read.exchange == id)
            let page = try await app.testing().sendRequest(.GET, "/news/\(item)").body.string
            #expect(page.contains("It came from an exchange: Lyon Photonics Cluster&#39;s stay at Munich Laser Centre"))
        }
    }
}
