import Fluent
import Foundation
import ProgrammeRules
import Testing
import Vapor
import VaporTesting

@testable import App

/// Six months after the payment both organisations are asked what came of their exchange.
@Suite struct OutcomeTests {
    @Test func bothSidesAreAskedSixMonthsAfterThePaymentAndAnswerForTheirSide() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await scene.propose().id
            // The lifecycle to the payment is walked elsewhere (ExchangeWalkTests): here it is set.
            let exchange = try #require(try await Exchange.find(id, on: app.db))
            exchange.phase = .paid
            exchange.paidOn = CalendarDate(iso: "2027-03-08")
            try await exchange.save(on: app.db)

            scene.setToday("2027-09-05")
            #expect(try await app.context.outcomes.askDue() == 0, "not six months yet")
            scene.setToday("2027-09-06")
            #expect(try await app.context.outcomes.askDue() == 2)
            #expect(try await app.context.outcomes.askDue() == 0, "asked once")
            for email in ["visitor@v1.example", "host@h1.example"] {
                let user = try #require(try await User.find(email: email, on: app.db))
                let told = try await Notification.query(on: app.db).filter(\.$user.$id == user.requireID()).all()
                #expect(told.contains { $0.link == "/exchanges/\(id)/outcome" }, "\(email)")
            }

            let visitor = try await TestBrowser.signedIn(app, "visitor@v1.example")
            let form = try await visitor.get("/exchanges/\(id)/outcome")
            #expect(form.status == .ok && form.body.string.contains("Negotiation started"))
            #expect(try await visitor.get("/exchanges/\(id)").body.string.contains("/exchanges/\(id)/outcome"))
            let refused = try await visitor.post("/exchanges/\(id)/outcome", form: ["answer": "maybe"])
            #expect(refused.status == .unprocessableEntity)
            let answered = try await visitor.post(
                "/exchanges/\(id)/outcome", form: ["answer": "negotiation-started", "note": "A joint bid in autumn."])
            #expect(answered.status == .seeOther)
            let visitorOrganisation = try #require(try await Organisation.query(on: app.db).filter(\.$key == "V1").first())
            let row = try #require(
                try await ExchangeOutcome.query(on: app.db).filter(\.$exchange.$id == id)
                    .filter(\.$organisation.$id == visitorOrganisation.requireID()).first())
            #expect(row.answer == .negotiationStarted && row.note == "A joint bid in autumn.")

            // Someone else's exchange does not exist for them; a partnership does not answer for the organisations.
            let outsider = try await TestBrowser.signedIn(app, "member@v2.example")
            #expect(try await outsider.get("/exchanges/\(id)/outcome").status == .notFound)
            let coordinator = try await TestBrowser.signedIn(app, "coordinator@pv.example")
            #expect(try await coordinator.get("/exchanges/\(id)/outcome").status == .forbidden)
            // One answer is too few to show in the open statistics.
            #expect(try await app.context.statistics.figures().outcomes.isEmpty)
        }
    }

    @Test func theAPIAsksAndRecordsEachSidesAnswer() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await scene.propose().id
            #expect(try await scene.host.send(.GET, "/api/v1/exchanges/\(id)/outcome").status == .conflict, "not paid yet")
            let exchange = try #require(try await Exchange.find(id, on: app.db))
            exchange.phase = .paid
            exchange.paidOn = CalendarDate(iso: "2027-03-08")
            try await exchange.save(on: app.db)

            let asked = try await scene.host.send(.GET, "/api/v1/exchanges/\(id)/outcome")
            #expect(asked.status == .ok)
            let question = try asked.content.decode(OutcomeDTO.self)
            #expect(question.organisationName == "Munich Laser Centre" && question.otherName == "Lyon Photonics Cluster")
            #expect(question.answer == nil && question.choices.count == 3)
            let refused = try await scene.host.send(.PUT, "/api/v1/exchanges/\(id)/outcome", json: ["answer": "maybe"])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("\"answer\""))
            let answered = try await scene.host.send(
                .PUT, "/api/v1/exchanges/\(id)/outcome", json: ["answer": "cooperation-agreement", "note": "Signed in May."])
            #expect(answered.status == .ok)
            let recorded = try answered.content.decode(OutcomeDTO.self)
            #expect(recorded.answer == "cooperation-agreement" && recorded.note == "Signed in May.")
            // The visitor's side is still open; the partnership does not answer for them.
            #expect(
                try await scene.visitor.send(.GET, "/api/v1/exchanges/\(id)/outcome").content.decode(OutcomeDTO.self).answer
                    == nil)
            #expect(try await scene.visitorPartnership.send(.GET, "/api/v1/exchanges/\(id)/outcome").status == .forbidden)
            #expect(try await scene.outsider.send(.GET, "/api/v1/exchanges/\(id)/outcome").status == .notFound)
        }
    }
}
