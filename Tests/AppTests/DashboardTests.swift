import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// The page each person lands on after signing in: what is theirs and what to do next, by role.
@Suite struct DashboardTests {
    @Test func aValidatedOrganisationWithNothingPublishedIsToldToPublish() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            let member = try await TestBrowser.signedIn(app, "member@v2.example")
            #expect(!(try await member.get("/dashboard").body.string.contains("is validated: publish a visiting request")))
            try await VisitRequest.query(on: app.db).filter(\.$key == "RV2").delete()
            let page = try await member.get("/dashboard").body.string
            #expect(page.contains("Milano Robotics Hub is validated: publish a visiting request"))
            #expect(page.contains(#"href="/my">Publish a request or an offer</a>"#))
            #expect(!page.contains("Nothing waits for you"))
        }
    }

    @Test func signingInLandsOnTheDashboardUnlessAPageWasAsked() async throws {
        try await withApp { app in
            try await makeUser(app, "ana@example.eu")
            let browser = TestBrowser(app)
            let landed = try await browser.post("/login", form: ["email": "ana@example.eu", "password": "a-long-password"])
            #expect(landed.headers.first(name: .location) == "/dashboard")
            let page = try await browser.get("/dashboard")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("You are signed in.") && page.body.string.contains("Hello, ana"))
            // Nothing of theirs yet: the next step is their organisation.
            #expect(page.body.string.contains("Add your organisation"))
            #expect(page.body.string.contains("You have no organisation yet."))

            let asked = TestBrowser(app)
            let next = try await asked.post(
                "/login", form: ["email": "ana@example.eu", "password": "a-long-password", "next": "/exchanges"])
            #expect(next.headers.first(name: .location) == "/exchanges")
            #expect(try await app.testing().sendRequest(.GET, "/dashboard").status == .seeOther)
        }
    }

    @Test func theHostIsToldToAnswerAProposalAndTheVisitorWaits() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let exchange = try await scene.propose()

            let host = try await TestBrowser.signedIn(app, "host@h1.example").get("/dashboard").body.string
            #expect(host.contains("What to do now"))
            #expect(host.contains("Lyon Photonics Cluster at Munich Laser Centre: accept or decline the proposal"))
            #expect(host.contains(#"href="/exchanges/\#(exchange.id)""#))
            #expect(host.contains("Munich Laser Centre"))
            #expect(host.contains("A week of laser processing"))

            let visitor = try await TestBrowser.signedIn(app, "visitor@v1.example").get("/dashboard").body.string
            #expect(!visitor.contains("accept or decline the proposal</span>"))
            #expect(visitor.contains("proposed, waiting for an answer</span> 1"))
            #expect(visitor.contains("1–5 March 2027"))
            // Its requests, each with its best host.
            #expect(visitor.contains("Learn laser processing"))
            #expect(visitor.contains("Best host:"))

            // A member of another organisation sees none of it.
            let outsider = try await TestBrowser.signedIn(app, "member@v2.example").get("/dashboard").body.string
            #expect(!outsider.contains("Munich Laser Centre: accept"))
            #expect(!outsider.contains("Lyon Photonics Cluster at"))
        }
    }

    @Test func whoStillSignsIsReadWithTheExchanges() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let exchange = try await scene.propose()
            try await scene.act(scene.host, exchange.id, "accept")
            try await scene.writeCommitment(exchange.id)
            try await scene.act(scene.host, exchange.id, "sign-as-host")
            // The host has signed; the visitor has not: only the visitor is asked, on its dashboard.
            // The to-do line, not a notification, which now names the exchange the same way.
            let waiting = "Lyon Photonics Cluster at Munich Laser Centre: sign"
            let host = try await TestBrowser.signedIn(app, "host@h1.example").get("/dashboard").body.string
            let visitor = try await TestBrowser.signedIn(app, "visitor@v1.example").get("/dashboard").body.string
            #expect(!host.contains(waiting))
            #expect(visitor.contains(waiting))
            #expect(visitor.contains("being signed</span> 1"))
            #expect(visitor.contains("sign the Commitment to Quality and the financial-support agreement"))
            try await scene.act(scene.visitor, exchange.id, "sign-as-visitor")
            try await scene.act(scene.visitor, exchange.id, "sign-financial-agreement-as-visitor")
            let signed = try await TestBrowser.signedIn(app, "visitor@v1.example").get("/dashboard").body.string
            #expect(!signed.contains(waiting))
        }
    }

    @Test func theCoordinatorSeesTheQueueWithTheProfileAndTheBudget() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            let owner = try await APIClient.signedIn(app, "owner@example.eu")
            let created = try await owner.send(
                .POST, "/api/v1/organisations",
                json: [
                    "name": "Torino Optics Lab", "kind": "technology-centre", "country": "IT", "city": "Torino",
                    "sectors": ["C26"], "topics": ["optical sensors"], "languages": ["it", "en"], "description": "Optics.",
                ])
            let key = try created.content.decode(OrganisationDTO.self).key
            let submitted = try await owner.send(
                .POST, "/api/v1/organisations/\(key)/registration",
                json: [
                    "asVisitor": true, "motivation": "We want to learn how others run optics pilot lines.", "partnership": "PV",
                ])
            #expect(submitted.status == .created || submitted.status == .ok, "\(submitted.body.string)")

            let page = try await TestBrowser.signedIn(app, "coordinator@pv.example").get("/dashboard").body.string
            #expect(page.contains("Registrations waiting for you <span class=\"pill-count\">1</span>"))
            #expect(page.contains("Torino Optics Lab"))
            #expect(page.contains("Technology centre in Turin, Italy"))
            #expect(page.contains("C26 Computer, electronic and optical products"))
            #expect(page.contains("We want to learn how others run optics pilot lines."))
            #expect(page.contains("Decide in the validation queue"))
            // The budget as a chart and in words, with the progress towards the target.
            #expect(page.contains("Visitors&#39; Partnership") || page.contains("Visitors' Partnership"))
            #expect(page.contains("0 of the target of 10"))
            #expect(page.contains("<svg viewBox=\"0 0 1000 40\""))
            // Only its own partnership's budget.
            #expect(!page.contains("Hosts' Partnership") && !page.contains("Hosts&#39; Partnership"))
        }
    }

    @Test func theSupportOfficeSeesEveryPartnershipAndApprovesJoins() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            let joiner = try await APIClient.signedIn(app, "joiner@example.eu")
            #expect(try await joiner.send(.POST, "/api/v1/organisations/H2/join").status == .accepted)
            let admin = try await TestBrowser.signedIn(app, "admin@example.eu")
            let page = try await admin.get("/dashboard").body.string
            #expect(page.contains("<h1>Support office</h1>"))
            for name in ["Visitors", "Hosts"] {
                #expect(page.contains("\(name)&#39; Partnership") || page.contains("\(name)' Partnership"))
            }
            #expect(page.contains("joiner (joiner@example.eu) asks to join"))
            #expect(page.contains("Rate table in force"))
            // The mail in figures: what waits and what really left, with the page to read it.
            #expect(page.contains("waiting") && page.contains("delivered to the mail server"))
            #expect(page.contains("href=\"/support/mail\""))
            let userID = try #require(try await User.query(on: app.db).filter(\.$email == "joiner@example.eu").first()?.id)
            let approved = try await admin.post("/organisations/H2/members/\(userID)/approve", form: [:])
            #expect(approved.status == .seeOther)
            #expect(try await admin.get("/dashboard").body.string.contains("No request to join waits."))
        }
    }
}
