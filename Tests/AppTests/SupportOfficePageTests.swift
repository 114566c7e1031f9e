import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// The support office's pages: people and their roles, the programme's settings.
@Suite struct SupportOfficePageTests {
    @Test func theSupportOfficeMakesSomeoneACoordinatorAndBackAgain() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            let ana = try await makeUser(app, "ana@example.eu")
            let id = try #require(ana.id)
            let office = try await TestBrowser.signedIn(app, "admin@example.eu")
            let list = try await office.get("/support/people?q=ana")
            #expect(list.status == .ok)
            #expect(list.body.string.contains("ana@example.eu"))
            #expect(!list.body.string.contains("host@h1.example"), "the search narrows the list")
            #expect(list.body.string.contains("No organisation yet"))
            // Each person's organisations tell namesakes apart; the role form waits behind a disclosure.
            let host = try await office.get("/support/people?q=host%40h1").body.string
            #expect(host.contains("Member of Munich Laser Centre"))
            #expect(host.contains("<summary>Change"))
            // The forms return to the same search, its words encoded (an "&" or "#" would cut it short).
            let awkward = try await office.get("/support/people?q=ana%40")
            #expect(awkward.body.string.contains("/role?q=ana%40\""))

            // A coordinator needs a partnership: the refusal names it, beside the person.
            let refused = try await office.post("/support/people/\(id)/role", form: ["role": "coordinator", "partnership": ""])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("choose the partnership a coordinator coordinates"))
            #expect(try await User.find(id, on: app.db)?.role == .participant)

            let made = try await office.post("/support/people/\(id)/role", form: ["role": "coordinator", "partnership": "PV"])
            #expect(made.status == .seeOther)
            #expect(
                try await office.get("/support/people").body.string.contains("ana now coordinates Visitors&#39; Partnership."))
            #expect(try await User.find(id, on: app.db)?.role == .coordinator)
            #expect(try await PartnershipCoordinator.query(on: app.db).filter(\.$user.$id == id).count() == 1)
            // The new coordinator's next page knows it: her queue, not a participant's dashboard.
            let ana2 = try await TestBrowser.signedIn(app, "ana@example.eu")
            #expect(try await ana2.get("/validation").status == .ok)

            _ = try await office.post("/support/people/\(id)/role", form: ["role": "participant"])
            #expect(try await User.find(id, on: app.db)?.role == .participant)
            #expect(try await PartnershipCoordinator.query(on: app.db).filter(\.$user.$id == id).count() == 0)
            #expect(try await ana2.get("/validation").status == .forbidden)
        }
    }

    @Test func nobodyButTheSupportOfficeChangesRolesAndNobodyTheirOwn() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            let admin = try #require(try await User.find(email: "admin@example.eu", on: app.db)?.id)
            let office = try await TestBrowser.signedIn(app, "admin@example.eu")
            let own = try await office.post("/support/people/\(admin)/role", form: ["role": "participant"])
            #expect(own.status == .conflict)
            #expect(own.body.string.contains("nobody changes their own role"))
            #expect(try await User.find(admin, on: app.db)?.role == .admin)

            let coordinator = try await TestBrowser.signedIn(app, "coordinator@pv.example")
            #expect(try await coordinator.get("/support/people").status == .forbidden)
            let post = try await coordinator.post("/support/people/\(admin)/role", form: ["role": "participant"])
            #expect(post.status == .forbidden)
            #expect(try await User.find(admin, on: app.db)?.role == .admin)
            #expect(try await office.post("/support/people/\(UUID())/role", form: ["role": "admin"]).status == .notFound)
            #expect(try await office.post("/support/people/\(admin)/role", form: ["role": "king"]).status == .unprocessableEntity)
        }
    }

    @Test func theSettingsPageChangesTheProgrammeAndRefusesABrokenRateTable() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            let office = try await TestBrowser.signedIn(app, "admin@example.eu")
            let page = try await office.get("/support/settings")
            #expect(page.status == .ok)
            let settings = try await app.context.settings.current()
            let json = try SupportOfficeController.json(settings.rateTable)

            let saved = try await office.post(
                "/support/settings",
                form: ["virtualExchanges": "on", "maximumOpenProposals": "3", "noticeWorkingDays": "5", "rateTable": json])
            #expect(saved.status == .seeOther)
            #expect(try await office.get("/support/settings").body.string.contains("Saved. The rate table in force is"))
            let after = try await app.context.settings.current()
            #expect(after.virtualExchanges)
            #expect(after.maximumOpenProposals == 3)
            #expect(after.noticeWorkingDays == 5)
            #expect(after.rateTable == settings.rateTable)

            let broken = try await office.post(
                "/support/settings",
                form: ["maximumOpenProposals": "1000", "noticeWorkingDays": "0", "rateTable": "{\"name\": \"half\""])
            #expect(broken.status == .unprocessableEntity)
            #expect(broken.body.string.contains("give a whole number from 1 to 100"))
            #expect(broken.body.string.contains("give a whole number of working days from 1 to 60"))
            #expect(broken.body.string.contains("write the rate table as JSON"))
            // What was typed stays in the form; nothing changed.
            #expect(broken.body.string.contains("{&quot;name&quot;: &quot;half&quot;"))
            #expect(try await app.context.settings.current().maximumOpenProposals == 3)

            let coordinator = try await TestBrowser.signedIn(app, "coordinator@pv.example")
            #expect(try await coordinator.post("/support/settings", form: ["maximumOpenProposals": "9"]).status == .forbidden)
        }
    }

    @Test func theSupportOfficeRegistersAnOrganisationOnItsBehalf() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let owner = try await APIClient.signedIn(app, "owner@example.eu")
            let created = try await owner.send(
                .POST, "/api/v1/organisations",
                json: [
                    "name": "Torino Optics Lab", "kind": "technology-centre", "country": "IT", "city": "Torino",
                    "sectors": ["C26"], "topics": ["optical sensors"], "languages": ["it", "en"], "description": "Optics.",
                ])
            let key = try created.content.decode(OrganisationDTO.self).key
            // The support office is no member, yet may help: the form opens and the registration goes in.
            let submitted = try await scene.admin.send(
                .POST, "/api/v1/organisations/\(key)/registration",
                json: [
                    "asVisitor": true, "motivation": "Asked by phone to register them for the optics call.", "partnership": "PV",
                ])
            #expect(submitted.status == .created || submitted.status == .ok, "\(submitted.body.string)")
            let page = try await TestBrowser.signedIn(app, "admin@example.eu").get("/organisations/\(key)/registration")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Torino Optics Lab"))
            // Someone else still cannot.
            try await makeUser(app, "stranger@example.eu")
            let stranger = try await TestBrowser.signedIn(app, "stranger@example.eu")
            #expect(try await stranger.get("/organisations/\(key)/registration").status == .notFound)
        }
    }
}
