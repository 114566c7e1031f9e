import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Limits that hold (issue 19): for every organisation, under parallel requests, and without a row
/// written for every anonymous visit.
@Suite struct LimitTests {
    static let pdf = "%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"

    @Test func anImportedOrganisationThatChangesItsCountryIsValidatedAgain() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            let visitor = try await TestBrowser.signedIn(app, "visitor@v1.example")
            let form = try await visitor.get("/organisations/V1/edit")
            #expect(form.status == .ok)
            let saved = try await visitor.post(
                "/organisations/V1/edit",
                form: [
                    "name": "Lyon Photonics Cluster", "kind": "cluster-organisation", "country": "BE", "city": "Gent",
                    "sector1": "C26", "topics": "photonics", "description": "A cluster.", "languages": "fr, en",
                ])
            #expect(saved.status == .seeOther, "\(saved.body.string)")
            let organisation = try #require(try await Organisation.query(on: app.db).filter(\.$key == "V1").first())
            #expect(organisation.validationStatus == .pending)
            let registration = try #require(
                try await Registration.query(on: app.db).filter(\.$organisation.$id == organisation.requireID()).first())
            #expect(registration.status == .submitted)
            #expect(registration.asVisitor)
            let told = try await OutboxMessage.query(on: app.db).filter(\.$recipient == "coordinator@pv.example").all()
            #expect(told.contains { $0.subject == "To validate again: Lyon Photonics Cluster" })
            // Until then it proposes nothing.
            let proposal = try await APIClient(app: app, token: try await token(app, "visitor@v1.example")).send(
                .POST, "/api/v1/exchanges",
                json: ["request": "RV1", "offer": "FH1", "start": "2027-03-01", "end": "2027-03-05", "goals": "Learn."])
            #expect(proposal.status == .unprocessableEntity)
        }
    }

    @Test func proposalsMadeByHostsDoNotFillTheVisitorsQuota() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            #expect(
                try await scene.admin.send(.PUT, "/api/v1/programme-settings", json: ["maximumOpenProposals": 2]).status == .ok)
            _ = try await scene.propose(request: "RV1", offer: "FH1", by: scene.host)
            _ = try await scene.propose(request: "RV1B", offer: "FH1", by: scene.host)
            // Both proposals wait for the visitor's answer; its own quota is untouched.
            _ = try await scene.propose(request: "RV1", offer: "FH2")
            _ = try await scene.propose(request: "RV1B", offer: "FH2")
            #expect(try await Exchange.query(on: app.db).count() == 4)
        }
    }

    @Test func parallelProposalsCannotPassTheLimitTogether() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let offers = (0..<11).map { n in
                #"{"type":"offer","key":"FX\#(n)","host":"H1","title":"Lasers \#(n)","description":"...","#
                    + #""purposes":["technology"],"#
                    + #""topics":["laser processing"],"availableFrom":"2027-01-05","availableTo":"2027-12-18","capacity":2,"#
                    + #""languages":["en"],"virtual":false}"#
            }
            _ = try await ImportCommand.importText(offers.joined(separator: "\n"), into: app.db)
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for n in 0..<11 {
                    group.addTask {
                        try await scene.visitor.send(
                            .POST, "/api/v1/exchanges",
                            json: [
                                "request": "RV1", "offer": "FX\(n)", "start": "2027-03-01", "end": "2027-03-05",
                                "goals": "Learn.",
                            ]
                        ).status
                    }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            let limit = ProgrammeSettings.defaultMaximumOpenProposals
            #expect(statuses.filter { $0 == .created }.count == limit, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict }.count == 11 - limit)
            #expect(try await Exchange.query(on: app.db).count() == limit)
        }
    }

    @Test func evidenceHasACountAndASizeLimitAndCanBeRemovedBeforeTheReport() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await scene.underWay()
            var large = ByteBuffer(string: "%PDF-")
            large.writeRepeatingByte(0x20, count: Exchanges.maximumEvidenceBytes - 5)
            for _ in 0..<(Exchanges.maximumEvidenceTotalBytes / Exchanges.maximumEvidenceBytes) {
                #expect(try await scene.upload(scene.visitor, id, large).status == .created)
            }
            let over = try await scene.upload(scene.visitor, id, ByteBuffer(string: Self.pdf))
            #expect(over.status == .payloadTooLarge)
            #expect(over.body.string.contains("evidence-too-large"))
            // Removing files makes room again; only the visitor removes.
            let files = try await EvidenceFile.query(on: app.db).all()
            let first = try #require(files.first?.id)
            #expect(try await scene.host.send(.DELETE, "/api/v1/exchanges/\(id)/evidence/\(first)").status == .forbidden)
            for file in files {
                #expect(
                    try await scene.visitor.send(.DELETE, "/api/v1/exchanges/\(id)/evidence/\(try file.requireID())").status
                        == .noContent)
            }
            #expect(try await EvidenceFile.query(on: app.db).count() == 0)
            #expect(try await scene.view(id).history.last?.action == "remove-evidence")
            for _ in 0..<Exchanges.maximumEvidenceFiles {
                #expect(try await scene.upload(scene.visitor, id, ByteBuffer(string: Self.pdf)).status == .created)
            }
            let tooMany = try await scene.upload(scene.visitor, id, ByteBuffer(string: Self.pdf))
            #expect(tooMany.status == .conflict)
            #expect(tooMany.body.string.contains("too-many-files"))
            // Once the report is submitted, the evidence stays as it is.
            #expect(
                try await scene.visitor.send(.PUT, "/api/v1/exchanges/\(id)/report", json: ["outcomes": "We learned a lot."])
                    .status
                    == .ok)
            scene.setToday("2027-03-08")
            try await scene.act(scene.visitor, id, "submit-report")
            let kept = try #require(try await EvidenceFile.query(on: app.db).first()?.id)
            #expect(try await scene.visitor.send(.DELETE, "/api/v1/exchanges/\(id)/evidence/\(kept)").status == .conflict)
        }
    }

    @Test func parallelUploadsCannotPassTheCountTogether() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await scene.underWay()
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<(Exchanges.maximumEvidenceFiles + 5) {
                    group.addTask { try await scene.upload(scene.visitor, id, ByteBuffer(string: Self.pdf)).status }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == Exchanges.maximumEvidenceFiles)
            #expect(try await EvidenceFile.query(on: app.db).count() == Exchanges.maximumEvidenceFiles)
        }
    }

    @Test func readingFormPagesWritesNoSessionRow() async throws {
        try await withApp { app in
            try await makeUser(app, "xena@example.eu")
            for _ in 0..<70 {
                for path in ["/login", "/register", "/password/forgot"] {
                    #expect(try await app.testing().sendRequest(.GET, path).status == .ok)
                }
            }
            #expect(try await BrowserSession.query(on: app.db).count() == 0)
            // The form's token rides in a cookie of its own, HttpOnly and SameSite=Lax, and still guards the form.
            let browser = TestBrowser(app)
            let page = try await browser.get("/login")
            let cookie = try #require(page.headers.setCookie?["cx_form"])
            #expect(cookie.isHTTPOnly && cookie.sameSite == .lax)
            let forged = try await browser.post(
                "/login", form: ["email": "xena@example.eu", "password": "a-long-password"], csrf: "forged")
            #expect(forged.status == .forbidden)
            #expect(try await BrowserSession.query(on: app.db).count() == 0)
            let signedIn = try await browser.post("/login", form: ["email": "xena@example.eu", "password": "a-long-password"])
            #expect(signedIn.status == .seeOther)
            #expect(try await BrowserSession.query(on: app.db).count() == 1)
        }
    }
}
