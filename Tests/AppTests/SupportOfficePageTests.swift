import Fluent
import Foundation
import ProgrammeRules
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
            // The table in force, in euros, one row per country with an amount of its own.
            #expect(page.body.string.contains(#"name="country1" list="rate-countries" value="Germany""#))
            #expect(page.body.string.contains(#"name="amount1" inputmode="decimal" value="780""#))
            #expect(page.body.string.contains(#"id="generalAmount" name="generalAmount" inputmode="decimal" value="1100""#))
            let settings = try await app.context.settings.current()
            var form = [
                "basis": "country", "name": "cxc-2027", "version": "2", "generalAmount": "1,100.00", "cap": "1100",
                "halveBelowWorkingDays": "5", "halveBelowKm": "200", "minWorkingDays": "3", "maxCalendarDays": "31",
                "country1": "Germany", "amount1": "780", "country2": "Czechia", "amount2": "950,50",
                "virtualExchanges": "on", "maximumOpenProposals": "3", "noticeWorkingDays": "5",
            ]

            // A preview quotes three stays by the table typed, and saves nothing.
            form["action"] = "preview"
            let preview = try await office.post("/support/settings", form: form)
            #expect(preview.status == .ok)
            #expect(preview.body.string.contains("By this table, before saving:"))
            #expect(preview.body.string.contains("Giżycko to Děčín") && preview.body.string.contains("EUR 950.50"))
            let unchanged = try await app.context.settings.current()
            #expect(unchanged.rateTable == settings.rateTable && unchanged.maximumOpenProposals == settings.maximumOpenProposals)

            form["action"] = "save"
            let saved = try await office.post("/support/settings", form: form)
            #expect(saved.status == .seeOther)
            #expect(try await office.get("/support/settings").body.string.contains("Saved. The rate table in force is cxc-2027"))
            let after = try await app.context.settings.current()
            #expect(after.virtualExchanges)
            #expect(after.maximumOpenProposals == 3)
            #expect(after.noticeWorkingDays == 5)
            let (germany, czechia) = (try #require(CountryCode("DE")), try #require(CountryCode("CZ")))
            #expect(
                after.rateTable.basis
                    == .hostCountryThreshold(defaultCents: 110_000, byCountry: [germany: 78_000, czechia: 95_050]))

            // Every mistake at once, each naming its row or field; what was typed stays.
            let broken = try await office.post(
                "/support/settings",
                form: [
                    "basis": "country", "name": "half", "version": "3", "generalAmount": "lots", "minWorkingDays": "3",
                    "maxCalendarDays": "2", "country1": "Atlantis", "amount1": "100", "country2": "Germany", "amount2": "7.5.0",
                    "maximumOpenProposals": "1000", "noticeWorkingDays": "0", "action": "save",
                ])
            #expect(broken.status == .unprocessableEntity)
            let text = broken.body.string
            #expect(text.contains("give a whole number from 1 to 100"))
            #expect(text.contains("give a whole number of working days from 1 to 60"))
            #expect(text.contains(#"id="general-error">write an amount in euros, such as 780 or 780.50"#))
            #expect(text.contains("a stay&#39;s longest must not be shorter than its shortest (3 working days)"))
            #expect(text.contains("Row 1, country: choose a participating country"))
            #expect(text.contains("Row 2, amount: write an amount in euros, such as 780 or 780.50"))
            #expect(text.contains(#"value="Atlantis""#) && text.contains(#"value="1000""#))
            #expect(try await app.context.settings.current().maximumOpenProposals == 3)

            let coordinator = try await TestBrowser.signedIn(app, "coordinator@pv.example")
            #expect(try await coordinator.post("/support/settings", form: ["maximumOpenProposals": "9"]).status == .forbidden)
        }
    }

    @Test(arguments: [
        ("780", 78_000), ("780.5", 78_050), ("780,50", 78_050), ("1,100.00", 110_000), ("1.100,00", nil), ("EUR 12", 1_200),
        ("-5", nil), ("99999999", nil), ("", nil),
    ])
    func amountsAreReadAsEuros(text: String, cents: Int?) {
        var checker = InputChecker()
        #expect(RateTableForm.cents(text, "amount", required: true, &checker) == cents)
        #expect(checker.problems.isEmpty == (cents != nil))
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
