import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Offers and requests are changed and withdrawn in the pages by their organisation's members;
/// withdrawing asks first, and exchanges already proposed keep what they were about.
@Suite struct ListingPageTests {
    @Test func theHostChangesItsOfferInThePages() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            let host = try await TestBrowser.signedIn(app, "host@h1.example")
            let page = try await host.get("/offers/FH1").body.string
            #expect(page.contains(#"href="/offers/FH1/edit">Change it</a>"#))
            #expect(page.contains("Learn from actors in another cluster"))
            #expect(!page.contains(#"<span class="tag">learn</span>"#))
            let form = try await host.get("/offers/FH1/edit")
            #expect(form.status == .ok)
            #expect(form.body.string.contains(#"value="A week of laser processing""#))
            #expect(form.body.string.contains(#"value="2027-01-05""#))
            let saved = try await host.post(
                "/offers/FH1/edit",
                form: [
                    "title": "Two weeks of laser processing", "description": "Cutting and welding.", "purposes[]": "learn",
                    "topics": "laser processing", "languages": "en", "availableFrom": "2027-01-05", "availableTo": "2027-12-18",
                    "capacity": "2",
                ])
            #expect(saved.status == .seeOther, "\(saved.body.string)")
            #expect(saved.headers.first(name: .location) == "/offers/FH1")
            #expect(try await host.get("/offers/FH1").body.string.contains("Your hosting offer is saved."))
            #expect(try await Offer.query(on: app.db).filter(\.$key == "FH1").first()?.title == "Two weeks of laser processing")

            // A mistake comes back beside its field, with what was typed.
            let refused = try await host.post(
                "/offers/FH1/edit",
                form: ["title": "", "availableFrom": "2027-13-01", "availableTo": "2027-12-18", "capacity": "2"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains(#"id="title-error""#))

            // Others cannot.
            let visitor = try await TestBrowser.signedIn(app, "visitor@v1.example")
            #expect(try await visitor.get("/offers/FH1/edit").status == .notFound)
            #expect(!(try await visitor.get("/offers/FH1").body.string.contains("Change it")))
        }
    }

    @Test func withdrawingAsksFirstAndKeepsTheExchangesItBegan() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let exchange = try await scene.propose()
            let visitor = try await TestBrowser.signedIn(app, "visitor@v1.example")
            let ask = try await visitor.get("/requests/RV1/withdraw")
            #expect(ask.status == .ok)
            #expect(ask.body.string.contains("Withdraw “Learn laser processing”?"))
            #expect(ask.body.string.contains(#"class="danger">Withdraw it</button>"#))
            #expect(try await VisitRequest.query(on: app.db).filter(\.$key == "RV1").count() == 1)
            let done = try await visitor.post("/requests/RV1/withdraw", form: [:])
            #expect(done.status == .seeOther)
            #expect(done.headers.first(name: .location) == "/organisations/V1")
            #expect(try await VisitRequest.query(on: app.db).filter(\.$key == "RV1").count() == 0)
            #expect(try await visitor.get("/requests/RV1").status == .notFound)
            // The exchange proposed from it goes on, and still says what it was about.
            let kept = try await scene.view(exchange.id)
            #expect(kept.phase == "proposed")
            let page = try await visitor.get("/exchanges/\(exchange.id)").body.string
            #expect(page.contains("Learn laser processing"))
        }
    }
}
