import Fluent
import Foundation
import NIOCore
import ProgrammeRules
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// The data stamp and the pages remembered by it (decision 0030): a page is served from memory
/// only while nothing it was read from has moved, on both databases.
@Suite struct RememberedPagesTests {
    @Test func everyTableIsWatchedOrSaysWhyNot() async throws {
        try await withApp { app in
            let tables = Set(try await DataStamp.tables(on: app.db))
            let watched = try await DataStamp.watchedTables(on: app.db)
            #expect(tables.contains("organisations") && tables.contains("exchanges"))
            // A table created later without `DataStamp.watch` would be in neither.
            #expect(tables.subtracting(DataStamp.unwatched) == watched)
            #expect(watched.isDisjoint(with: DataStamp.unwatched))
        }
    }

    @Test func everyCommittedChangeMovesTheStampAndNothingElseDoes() async throws {
        try await withApp { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let start = try await DataStamp.read(on: app.db)
            try await makeUser(app, "ana@example.eu")
            let afterModel = try await DataStamp.read(on: app.db)
            #expect(afterModel > start)

            // Plain SQL counts as much as a model's save.
            try await sql.raw("UPDATE users SET name = 'Ana M.' WHERE email = 'ana@example.eu'").run()
            let afterSQL = try await DataStamp.read(on: app.db)
            #expect(afterSQL > afterModel)

            // A change rolled back leaves no trace.
            struct Undo: Error {}
            await #expect(throws: Undo.self) {
                try await app.db.transaction { tx in
                    try await (tx as! any SQLDatabase).raw("UPDATE users SET name = 'Nobody'").run()
                    throw Undo()
                }
            }
            #expect(try await DataStamp.read(on: app.db) == afterSQL)

            // Several changes in one transaction: PostgreSQL moves it once, at the commit.
            try await app.db.transaction { tx in
                let sql = tx as! any SQLDatabase
                try await sql.raw("UPDATE users SET name = 'Ana'").run()
                try await sql.raw("UPDATE users SET email = 'ana.m@example.eu'").run()
            }
            let afterTransaction = try await DataStamp.read(on: app.db)
            #expect(afterTransaction > afterSQL)
            if sql.dialect.name == "postgresql" { #expect(afterTransaction == afterSQL + 1) }

            // A session touched, a throttled login: nothing any remembered page shows.
            let browser = try await TestBrowser.signedIn(app, "ana.m@example.eu")
            _ = browser
            let signedIn = try await DataStamp.read(on: app.db)
            try await sql.raw("UPDATE browser_sessions SET flash = 'Hello'").run()
            #expect(try await DataStamp.read(on: app.db) == signedIn)
        }
    }

    @Test func theDashboardIsServedFromMemoryUntilSomethingItShowsChanges() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let visitor = try await TestBrowser.signedIn(app, "visitor@v1.example")
            let pages = app.instanceCaches.pages
            // The first page after signing in carries its welcome: shown, not kept.
            let welcome = try await visitor.get("/dashboard").body.string
            #expect(welcome.contains("Lyon Photonics Cluster"))
            #expect(pages.count == 0)
            let first = try await visitor.get("/dashboard").body.string
            #expect(first.contains("Lyon Photonics Cluster"))
            let served = pages.served
            let again = try await visitor.get("/dashboard").body.string
            #expect(pages.served == served + 1)
            #expect(again.contains("Lyon Photonics Cluster"))

            // Renamed behind the models' back: the stamp still moves, and the page follows.
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE organisations SET name = 'Lyon Light Cluster' WHERE \(ident: "key") = 'V1'").run()
            let renamed = try await visitor.get("/dashboard").body.string
            #expect(pages.served == served + 1)
            #expect(renamed.contains("Lyon Light Cluster"))
            #expect(!renamed.contains("Lyon Photonics Cluster"))

            // An exchange proposed through the API shows on the very next page.
            _ = try await scene.propose()
            let proposed = try await visitor.get("/dashboard").body.string
            #expect(proposed.contains("proposed, waiting for an answer</span> 1"))

            // A new day is a new page: "today" becomes "yesterday".
            _ = try await visitor.get("/dashboard")
            let beforeTomorrow = pages.served
            scene.setToday("2027-01-12")
            _ = try await visitor.get("/dashboard")
            #expect(pages.served == beforeTomorrow)
        }
    }

    @Test func anotherInstancesChangeShowsAtOnce() async throws {
        try await withInstances(2) { apps in
            _ = try await ExchangeScene.make(apps[0])
            let visitor = try await TestBrowser.signedIn(apps[0], "visitor@v1.example")
            _ = try await visitor.get("/dashboard")
            _ = try await visitor.get("/dashboard")
            let served = apps[0].instanceCaches.pages.served
            #expect(try await visitor.get("/dashboard").body.string.contains("Lyon Photonics Cluster"))
            #expect(apps[0].instanceCaches.pages.served == served + 1)

            // Written through the other instance: the stamp is in the database, not in either process.
            let organisation = try #require(try await Organisation.query(on: apps[1].db).filter(\.$key == "V1").first())
            organisation.name = "Lyon Light Cluster"
            try await organisation.save(on: apps[1].db)
            let page = try await visitor.get("/dashboard").body.string
            #expect(page.contains("Lyon Light Cluster"))
            #expect(apps[0].instanceCaches.pages.served == served + 1)
        }
    }

    @Test func aRememberedPageIsOneSessionsAndKeepsItsFrameFresh() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            let pages = app.instanceCaches.pages
            let phone = try await TestBrowser.signedIn(app, "visitor@v1.example")
            let laptop = try await TestBrowser.signedIn(app, "visitor@v1.example")
            // Each first page after signing in carries its welcome, and is not kept.
            for browser in [phone, laptop] { _ = try await browser.get("/dashboard") }
            _ = try await phone.get("/dashboard")
            let served = pages.served
            // The same person on another device: its own form token, so its own page.
            _ = try await laptop.get("/dashboard")
            #expect(pages.served == served)
            let remembered = try await laptop.get("/dashboard")
            #expect(pages.served == served + 1)
            // The frame is written afresh: the notice after an action shows on a remembered page.
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE browser_sessions SET flash = 'Saved your changes.'").run()
            let withNotice = try await laptop.get("/dashboard").body.string
            #expect(pages.served == served + 2)
            #expect(withNotice.contains("Saved your changes."))
            #expect(!remembered.body.string.contains("Saved your changes."))
        }
    }

    @Test func suggestionsFollowTheMatchingIndex() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            let visitor = try await TestBrowser.signedIn(app, "visitor@v1.example")
            let pages = app.instanceCaches.pages
            let path = "/requests/RV1/suggestions"
            _ = try await visitor.get("/dashboard")
            let first = try await visitor.get(path)
            #expect(first.status == .ok)
            #expect(first.body.string.contains("A week of laser processing"))
            let served = pages.served
            _ = try await visitor.get(path)
            #expect(pages.served == served + 1)

            // The offer renamed through its model: the index and the stamp both move.
            let offer = try #require(try await Offer.query(on: app.db).filter(\.$key == "FH1").first())
            offer.title = "Ten days of laser welding"
            try await offer.save(on: app.db)
            let renamed = try await visitor.get(path).body.string
            #expect(renamed.contains("Ten days of laser welding"))
            #expect(pages.served == served + 1)

            // Someone else's listing is not theirs to see, remembered or not.
            let outsider = try await TestBrowser.signedIn(app, "member@v2.example")
            _ = try await outsider.get("/dashboard")
            #expect(try await outsider.get(path).status == .notFound)
        }
    }

    @Test func theStoreKeepsAPageForItsVersionAndLifetimeOnly() {
        let pages = RememberedPages()
        let key = RememberedPages.Key(session: UUID(), address: "/dashboard")
        let day = CalendarDate(iso: "2027-01-11")!
        let version = RememberedPages.Version(stamp: 7, generation: 2, day: day)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        pages.keep(.init(title: "Your dashboard", body: ByteBuffer(string: "<p>Hello</p>")), for: key, at: version, now: start)
        #expect(pages.page(key, at: version, now: start.addingTimeInterval(59))?.title == "Your dashboard")
        #expect(pages.page(key, at: version, now: start.addingTimeInterval(61)) == nil)
        #expect(pages.page(key, at: .init(stamp: 8, generation: 2, day: day), now: start) == nil)
        #expect(pages.page(key, at: .init(stamp: 7, generation: 3, day: day), now: start) == nil)
        #expect(pages.page(key, at: .init(stamp: 7, generation: 2, day: CalendarDate(iso: "2027-01-12")!), now: start) == nil)
        #expect(pages.page(.init(session: UUID(), address: "/dashboard"), at: version, now: start) == nil)
        #expect(pages.served == 1)

        // Full: one more forgets them all, so memory stays bounded.
        for number in 0..<RememberedPages.limit {
            pages.keep(
                .init(title: "", body: ByteBuffer()), for: .init(session: UUID(), address: "/\(number)"), at: version, now: start)
        }
        #expect(pages.count == 1)
    }

    @Test func aPageWithThisRequestsFormTokenOrNoticeIsNotKept() {
        let once = SecretToken.generate()
        #expect(RememberedPages.mayKeep(ByteBuffer(string: "<p>Your dashboard</p>"), once: once, flash: nil))
        #expect(
            !RememberedPages.mayKeep(
                ByteBuffer(string: #"<form><input name="_once" value="\#(once)"></form>"#), once: once, flash: nil))
        #expect(!RememberedPages.mayKeep(ByteBuffer(string: "<p>Your dashboard</p>"), once: once, flash: "Saved."))
    }
}
