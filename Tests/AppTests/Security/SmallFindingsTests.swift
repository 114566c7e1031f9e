import Fluent
import Foundation
import ProgrammeRules
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// The smaller findings of issue 19, each with the test that failed before its fix.
@Suite struct SmallFindingsTests {
    @Test func theCalendarLinkEndsWithSignOutEverywhereAndWithANewPassword() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            func feedPath() async throws -> String {
                let link = try await scene.visitor.send(.POST, "/api/v1/auth/calendar-link").content.decode([String: String].self)
                let url = try #require(link["url"])
                return try #require(URL(string: url)?.path)
            }
            let first = try await feedPath()
            #expect(try await app.testing().sendRequest(.GET, first).status == .ok)
            #expect(try await scene.visitor.send(.POST, "/api/v1/auth/sign-out-everywhere").status == .noContent)
            #expect(try await app.testing().sendRequest(.GET, first).status == .notFound)

            let second = try await feedPath()
            try await app.context.passwordResets.request(email: "visitor@v1.example")
            let body = try #require(try await deliverMail(app).last { $0.to == "visitor@v1.example" }?.body)
            let token = try #require(
                body.components(separatedBy: "token=").last?.components(separatedBy: .whitespacesAndNewlines).first)
            try await app.context.passwordResets.complete(token: token, newPassword: "another-long-password")
            #expect(try await app.testing().sendRequest(.GET, second).status == .notFound)
        }
    }

    @Test func aSecondPartnershipIsSaidToBeCoordinatedAlso() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            let admin = try #require(try await User.find(email: "admin@example.eu", on: app.db))
            let coordinator = try #require(try await User.find(email: "coordinator@pv.example", on: app.db))
            let people = app.context.acting(as: Caller(admin)).people
            let said = try await people.changeRole(of: try coordinator.requireID(), to: "coordinator", partnership: "PH")
            #expect(said == "coordinator now also coordinates Hosts' Partnership, besides Visitors' Partnership.")
            let again = try await people.changeRole(of: try coordinator.requireID(), to: "coordinator", partnership: "PH")
            #expect(again == "coordinator already coordinates Hosts' Partnership.")
        }
    }

    @Test func anotherPartnershipsPendingItemIsNotThereForItsModeratorsNeighbours() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let submitted = try await scene.host.send(
                .POST, "/api/v1/news", json: ["organisation": "H1", "title": "Quiet news", "body": "Soon.", "kind": "news"])
            let id = try submitted.content.decode(PublicationReceipt.self).id
            let read = try await scene.visitorPartnership.send(.GET, "/api/v1/news/\(id)")
            let publish = try await scene.visitorPartnership.send(.POST, "/api/v1/news/\(id)/publish")
            let reject = try await scene.visitorPartnership.send(
                .POST, "/api/v1/news/\(id)/reject", json: ["reason": "Not ours."])
            #expect(read.status == .notFound)
            #expect(publish.status == .notFound && reject.status == .notFound)
            #expect(!publish.body.string.contains("Munich Laser Centre") && !reject.body.string.contains("Munich Laser Centre"))
        }
    }

    @Test func aRefusedItemNeedsANewSubmissionAndIsDeletedAfterThreeMonths() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let submitted = try await scene.host.send(
                .POST, "/api/v1/news", json: ["organisation": "H1", "title": "Bold claim", "body": "Really.", "kind": "news"])
            let id = try submitted.content.decode(PublicationReceipt.self).id
            #expect(
                try await scene.hostPartnership.send(.POST, "/api/v1/news/\(id)/reject", json: ["reason": "No source."]).status
                    == .ok)
            let later = try await scene.hostPartnership.send(.POST, "/api/v1/news/\(id)/publish")
            #expect(later.status == .conflict)
            #expect(later.body.string.contains("/problems/rejected"))
            // Kept for the author to read why, then swept.
            #expect(try await Sweep.run(on: app.db).refusedPublications == 0)
            let old = Date().addingTimeInterval(-Sweep.keepRefusedPublications - 3600)
            try await Publication.query(on: app.db).filter(\.$id == id).set(\.$updatedAt, to: old).update()
            #expect(try await Sweep.run(on: app.db).refusedPublications == 1)
            #expect(try await Publication.find(id, on: app.db) == nil)
        }
    }

    @Test func aMalformedQueryIsABadRequestEverywhere() async throws {
        try await withApp { app in
            for path in [
                "/api/v1/offers?country=ZZ", "/api/v1/requests?page=0", "/api/v1/organisations?per=1000",
                "/api/v1/exchanges?phase=x",
            ] {
                let response = try await app.testing().sendRequest(.GET, path)
                #expect(response.status == (path.contains("exchanges") ? .unauthorized : .badRequest), "\(path)")
            }
            let scene = try await ExchangeScene.make(app)
            #expect(try await scene.visitor.send(.GET, "/api/v1/exchanges?phase=x").status == .badRequest)
        }
    }

    @Test func aPartnershipsTotalsAreAsOpenAsTheStatistics() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await scene.propose().id
            try await scene.signed(id)
            try await scene.act(scene.visitorPartnership, id, "approve-funding")
            let anonymous = try await app.testing().sendRequest(.GET, "/api/v1/partnerships/PV/budget")
            #expect(anonymous.status == .ok)
            let budget = try anonymous.content.decode(ExchangeScene.Budget.self)
            #expect(budget.reservedCents > 0)
            #expect(try await scene.outsider.send(.GET, "/api/v1/partnerships/PV/budget").status == .ok)
            let statistics = try await app.testing().sendRequest(.GET, "/api/v1/statistics").content.decode(StatisticsDTO.self)
            let open = try #require(statistics.budgets.first { $0.partnership == "PV" })
            #expect(
                ExchangeScene.Budget(
                    budgetCents: open.budgetCents, reservedCents: open.reservedCents, paidCents: open.paidCents,
                    availableCents: open.availableCents) == budget)
            // The ledger's lines, which name exchanges, stay with the coordinators.
            let outsider = try await TestBrowser.signedIn(app, "member@v2.example")
            #expect(try await outsider.get("/partnerships/PV/budget").status != .ok)
        }
    }

    @Test func aHostDisputesAMatchEnteredWithoutItWithinFiveWorkingDays() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            // 2027-01-11 is a Monday: five working days in Germany end on Monday the 18th.
            let entered = try await scene.visitorPartnership.send(
                .POST, "/api/v1/exchanges",
                json: ["request": "RV1", "offer": "FH1", "start": "2027-03-01", "end": "2027-03-05", "agreedOffline": true])
            #expect(entered.status == .created, "\(entered.body.string)")
            struct Entered: Decodable {
                let id: UUID
                let disputeUntil: String?
                let actions: [String]
            }
            let exchange = try entered.content.decode(Entered.self)
            #expect(exchange.disputeUntil == "2027-01-18")
            let told = try await OutboxMessage.query(on: app.db).filter(\.$recipient == "host@h1.example").all()
            #expect(told.contains { $0.body.contains("dispute it by 18 January 2027") })
            let forHost = try await scene.host.send(.GET, "/api/v1/exchanges/\(exchange.id)").content.decode(Entered.self)
            #expect(forHost.actions.contains("dispute"))
            try await scene.act(scene.visitor, exchange.id, "dispute", expect: .forbidden)
            scene.setToday("2027-01-19")
            let late = try await scene.act(scene.host, exchange.id, "dispute", expect: .conflict)
            #expect(late.body.string.contains("dispute-closed"))
            scene.setToday("2027-01-18")
            try await scene.act(scene.host, exchange.id, "dispute", json: ["reason": "We never spoke to them."])
            let after = try await scene.view(exchange.id)
            #expect(after.phase == "withdrawn")
            #expect(after.history.last?.action == "dispute")

            // Entered by the host's own partnership: nothing to dispute.
            let own = try await scene.hostPartnership.send(
                .POST, "/api/v1/exchanges",
                json: ["request": "RV1", "offer": "FH1", "start": "2027-03-01", "end": "2027-03-05", "agreedOffline": true])
            let ownExchange = try own.content.decode(Entered.self)
            #expect(ownExchange.disputeUntil == nil)
            try await scene.act(scene.host, ownExchange.id, "dispute", expect: .conflict)
        }
    }

    @Test func nobodySignsACommitmentWithoutGoalsAndAgenda() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await scene.propose().id
            try await scene.act(scene.host, id, "accept")
            #expect(!(try await scene.view(id, as: scene.host).actions.contains("sign-as-host")))
            let early = try await scene.act(scene.host, id, "sign-as-host", expect: .conflict)
            #expect(early.body.string.contains("commitment-incomplete"))
            try await scene.writeCommitment(id)
            #expect(try await scene.view(id, as: scene.host).actions.contains("sign-as-host"))
            try await scene.act(scene.host, id, "sign-as-host")
        }
    }

    @Test func aLoneCarriageReturnCannotStartACalendarLine() {
        #expect(ICalendar.escape("a\rb\r\nc\nd;e,f\\g\u{1}") == "a\\nb\\nc\\nd\\;e\\,f\\\\g")
    }

    @Test func theDigestNamesACompletedExchangeOnlyWhenBothOrganisationsAgreed() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let follower = try #require(try await User.find(email: "member@v2.example", on: app.db))
            _ = try await scene.outsider.send(.POST, "/api/v1/follows", json: ["kind": "partnership", "target": "PV"])
            let id = try await scene.propose().id
            let today = CalendarDate.today(in: PlatformClock.programmeTimeZone, now: Date())
            try await Exchange.query(on: app.db).filter(\.$id == id).set(\.$phase, to: .paid).set(\.$paidOn, to: today).update()
            func lines() async throws -> [String] {
                try await Following(context: app.context).news(
                    for: try follower.requireID(), since: Date().addingTimeInterval(-86_400 * 2),
                    until: Date().addingTimeInterval(86_400 * 2)
                ).flatMap { $0.lines.map(\.text) }
            }
            #expect(!(try await lines()).contains { $0.contains("Munich Laser Centre") || $0.contains("Lyon Photonics") })
            try await Organisation.query(on: app.db).filter(\.$key == "V1").set(\.$namedInNews, to: true).update()
            #expect(!(try await lines()).contains { $0.contains("Munich Laser Centre") })
            try await Organisation.query(on: app.db).filter(\.$key == "H1").set(\.$namedInNews, to: true).update()
            #expect(try await lines().contains("Exchange completed: Lyon Photonics Cluster at Munich Laser Centre"))
        }
    }
}
