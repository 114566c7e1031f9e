import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// The exchange's pages: the proposal form, the page with its buttons and next step in words,
/// the commitment form, the printable version, the budget with its chart and ledger.
@Suite struct ExchangePageTests {
    func signedIn(_ app: Application, _ email: String) async throws -> TestBrowser {
        let browser = TestBrowser(app)
        let response = try await browser.post("/login", form: ["email": email, "password": "a-long-password"])
        #expect(response.status == .seeOther)
        return browser
    }

    @Test func twoOrganisationsAgreeThroughThePages() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let visitor = try await signedIn(app, "visitor@v1.example")
            // From the offer's page, the visitor chooses one of its requests.
            let offer = try await visitor.get("/offers/FH1")
            #expect(offer.body.string.contains("/exchanges/new?offer=FH1"))
            let form = try await visitor.get("/exchanges/new?offer=FH1")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("Learn laser processing (Lyon Photonics Cluster)"))
            // A rule broken: the form again, naming the problem beside the field, nothing created.
            let tooShort = try await visitor.post(
                "/exchanges",
                form: ["request": "RV1", "offer": "FH1", "start": "2027-03-01", "end": "2027-03-01", "goals": "Learn."])
            #expect(tooShort.status == .unprocessableEntity)
            #expect(tooShort.body.string.contains("aria-invalid"))
            #expect(try await Exchange.query(on: app.db).count() == 0)
            let proposed = try await visitor.post(
                "/exchanges",
                form: ["request": "RV1", "offer": "FH1", "start": "2027-03-01", "end": "2027-03-05", "goals": "Learn."])
            #expect(proposed.status == .seeOther)
            let location = try #require(proposed.headers.first(name: .location))
            let page = try await visitor.get(location)
            #expect(page.body.string.contains("The exchange is proposed"))
            #expect(page.body.string.contains("Next, for the host:"))
            #expect(page.body.string.contains("Proposed the exchange"))
            #expect(!page.body.string.contains("visitor@v1.example"), "pages show names, not e-mail addresses")

            // The host is told (the bell), and accepts with the button.
            let host = try await signedIn(app, "host@h1.example")
            let home = try await host.get("/exchanges")
            #expect(home.body.string.contains("class=\"badge\""))
            #expect(home.body.string.contains("Learn laser processing"))
            // The dashboards' links to one phase show that phase only; a phase that is none is refused.
            let proposedOnly = try await host.get("/exchanges?phase=proposed").body.string
            #expect(proposedOnly.contains(#"href="\#(location)""#))
            #expect(proposedOnly.contains("Show every exchange"))
            let paidOnly = try await host.get("/exchanges?phase=paid").body.string
            #expect(!paidOnly.contains(#"href="\#(location)""#))
            #expect(paidOnly.contains("None of your exchanges is in this phase now."))
            let unknown = try await host.get("/exchanges?phase=lost")
            #expect(unknown.status == .badRequest)
            #expect(unknown.body.string.contains("phase"))
            let hostPage = try await host.get(location)
            #expect(hostPage.body.string.contains("Accept the proposal"))
            let accepted = try await host.post("\(location)/actions/accept", form: [:])
            #expect(accepted.status == .seeOther)
            #expect(
                try await host.get(location).body.string.contains(
                    "Done: the proposal is accepted. Next: write the Commitment to Quality together"))
            // A refused action says why, on the page, and changes nothing.
            let refused = try await visitor.post("\(location)/actions/approve-funding", form: [:])
            #expect(refused.status == .seeOther)
            #expect(try await visitor.get(location).body.string.contains("Not done:"))

            // The commitment form, then its printable version.
            let commitment = try await host.get("\(location)/commitment")
            #expect(commitment.status == .ok)
            let saved = try await host.post(
                "\(location)/commitment",
                form: [
                    "goals": "Learn.", "objectives": "Two projects.", "agenda": "Day 1: the lab.", "start": "2027-03-01",
                    "end": "2027-03-05",
                ])
            #expect(saved.status == .seeOther)
            let printable = try await host.get("\(location)/print")
            #expect(printable.body.string.contains("Day 1: the lab."))
            #expect(printable.body.string.contains("Commitment to Quality"))

            // The budget: a chart and the ledger, for the visitor's partnership only.
            let coordinator = try await signedIn(app, "coordinator@pv.example")
            let budget = try await coordinator.get("/partnerships/PV/budget")
            #expect(budget.status == .ok)
            #expect(budget.body.string.contains("<svg"))
            #expect(budget.body.string.contains("0 of the target of 10"))
            #expect(try await host.get("/partnerships/PV/budget").status == .forbidden)
            _ = scene
        }
    }

    @Test func aRoundsSendButtonMakesProposalsThePartiesSee() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let round = try await scene.visitorPartnership.send(.POST, "/api/v1/rounds", json: ["partnership": "PV"])
            #expect(round.status == .created, "\(round.body.string)")
            struct Round: Decodable { let id: UUID }
            let id = try round.content.decode(Round.self).id
            let coordinator = try await signedIn(app, "coordinator@pv.example")
            #expect(try await coordinator.post("/rounds/\(id)/send", form: [:]).status == .seeOther)
            let exchanges = try await Exchange.query(on: app.db).all()
            #expect(!exchanges.isEmpty)
            #expect(exchanges.allSatisfy { $0.origin == .round && $0.phase == .proposed })
            let host = try await signedIn(app, "host@h1.example")
            let list = try await host.get("/exchanges")
            #expect(
                list.body.string.contains("Lyon Photonics Cluster at Munich Laser Centre")
                    || exchanges.allSatisfy { $0.offerKey != "FH1" })
        }
    }

    @Test func theFinancialSupportAgreementIsReadBeforeItIsSigned() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await scene.signedByHost()
            let visitor = try await signedIn(app, "visitor@v1.example")
            let page = try await visitor.get("/exchanges/\(id)").body.string
            #expect(page.contains("The financial-support agreement, which the visitor and its partnership sign"))
            #expect(
                page.contains("Lyon Photonics Cluster, the visitor, receives from Visitors&#39; Partnership")
                    || page.contains("Lyon Photonics Cluster, the visitor, receives from Visitors' Partnership"))
            #expect(page.contains("within 10 days of validating it"))
            #expect(page.contains("nothing is paid and the amount reserved returns"))
            let printable = try await visitor.get("/exchanges/\(id)/print").body.string
            #expect(printable.contains("Financial-support agreement") && printable.contains("within 10 days of validating it"))
        }
    }

    @Test func theReportsTextAndAFileGoInOneFormAndARefusedFileKeepsTheText() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await scene.underWay()
            let visitor = try await signedIn(app, "visitor@v1.example")
            _ = try await visitor.get("/exchanges/\(id)")
            let saved = try await visitor.post(
                "/exchanges/\(id)/report", form: ["outcomes": "Two joint projects."],
                files: ["file": ("pass.pdf", Data("%PDF-1.4\n%%EOF\n".utf8))])
            #expect(saved.status == .seeOther)
            #expect(try await visitor.get("/exchanges/\(id)").body.string.contains("The report is saved and pass.pdf is added"))
            _ = try await visitor.get("/exchanges/\(id)")
            let refused = try await visitor.post(
                "/exchanges/\(id)/report", form: ["outcomes": "Two joint projects and a third.", "learned": "Booking the line."],
                files: ["file": ("notes.txt", Data("just text".utf8))])
            #expect(refused.status == .seeOther)
            let page = try await visitor.get("/exchanges/\(id)").body.string
            #expect(page.contains("The report is saved, but the file is not added: File must be a PDF, a JPEG or a PNG"))
            #expect(page.contains("Two joint projects and a third.") && page.contains("Booking the line."))
            #expect(try await EvidenceFile.query(on: app.db).count() == 1)
        }
    }

    @Test func theHostEvaluatesTheStayAfterItsLastDayAndThePartiesReadIt() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await scene.underWay()
            let early = try await scene.host.send(
                .PUT, "/api/v1/exchanges/\(id)/evaluation", json: ["rating": 5, "text": "Great."])
            #expect(early.status == .conflict)
            #expect(early.body.string.contains("from its last day, 5 March 2027"))
            scene.setToday("2027-03-05")
            let visitorTries = try await scene.visitor.send(
                .PUT, "/api/v1/exchanges/\(id)/evaluation", json: ["rating": 5, "text": "We were great."])
            #expect(visitorTries.status == .forbidden)
            let badRating = try await scene.host.send(
                .PUT, "/api/v1/exchanges/\(id)/evaluation", json: ["rating": 9, "text": ""])
            #expect(badRating.status == .unprocessableEntity)
            #expect(badRating.body.string.contains("rate the stay from 1 (poor) to 5 (excellent)"))

            // The host writes it from the page; the visitor reads it there.
            let host = try await signedIn(app, "host@h1.example")
            let form = try await host.get("/exchanges/\(id)").body.string
            #expect(form.contains("Your evaluation of the stay"))
            let saved = try await host.post(
                "/exchanges/\(id)/evaluation", form: ["rating": "4", "text": "A curious visitor; two joint ideas."])
            #expect(saved.status == .seeOther)
            let visitor = try await signedIn(app, "visitor@v1.example")
            let page = try await visitor.get("/exchanges/\(id)").body.string
            #expect(page.contains("The host&#39;s evaluation") || page.contains("The host's evaluation"))
            #expect(page.contains("<strong>very good</strong> (4 of 5), written 5 March 2027"))
            #expect(page.contains("A curious visitor; two joint ideas."))
            let api = try await scene.view(id, as: scene.visitor)
            #expect(api.history.last?.action == "write-evaluation")
        }
    }
}
