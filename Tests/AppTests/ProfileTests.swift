import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite struct ProfileTests {
    @Test func adminsEditAndAKindChangeIsValidatedAgain() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(ImportTests.valid, into: app.db)
            let anna = try await RegistrationTests.client(app, "anna@example.eu")
            let coordinator = try await RegistrationTests.client(app, "coord@example.eu", role: .coordinator, partnership: "P1")
            let stranger = try await RegistrationTests.client(app, "stranger@example.eu")
            let key = try await anna.send(.POST, "/api/v1/organisations", json: RegistrationTests.austrianLab).content.decode(
                OrganisationDTO.self
            ).key
            let id = try await anna.send(
                .POST, "/api/v1/organisations/\(key)/registration",
                json: [
                    "asHost": true, "motivation": "We open our lab to cluster visitors.", "partnership": "P1",
                ]
            ).content.decode(RegistrationDTO.self).id
            _ = try await coordinator.send(.POST, "/api/v1/registrations/\(id)/decision", json: ["decision": "validate"])

            var renamed = RegistrationTests.austrianLab
            renamed["name"] = "Graz Robotics Lab"
            let updated = try await anna.send(.PUT, "/api/v1/organisations/\(key)", json: renamed)
            #expect(updated.status == .ok)
            #expect(try updated.content.decode(OrganisationDTO.self).validationStatus == .validated)
            #expect(try updated.content.decode(OrganisationDTO.self).partnership == "P1")

            #expect(try await stranger.send(.PUT, "/api/v1/organisations/\(key)", json: renamed).status == .notFound)
            var bad = renamed
            bad["city"] = "Atlantis"
            #expect(try await anna.send(.PUT, "/api/v1/organisations/\(key)", json: bad).status == .unprocessableEntity)

            var incubator = renamed
            incubator["kind"] = "incubator"
            let changed = try await anna.send(.PUT, "/api/v1/organisations/\(key)", json: incubator)
            #expect(try changed.content.decode(OrganisationDTO.self).validationStatus == .pending)
            #expect(
                try await coordinator.send(.GET, "/api/v1/validation-queue").content.decode([RegistrationDTO].self).map(\.id) == [
                    id
                ])
            #expect(
                try await OutboxMessage.query(on: app.db).filter(\.$subject == "To validate again: Graz Robotics Lab").count()
                    == 1)
        }
    }

    @Test func theEditFormIsFilledIn() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(ImportTests.valid, into: app.db)
            try await makeUser(app, "owner@example.eu", organisation: "O0")
            let browser = TestBrowser(app)
            _ = try await browser.post("/login", form: ["email": "owner@example.eu", "password": "a-long-password"])
            let form = try await browser.get("/organisations/O0/edit")
            #expect(form.body.string.contains("value=\"Lyon Photonics Cluster\""))
            #expect(form.body.string.contains("action=\"/organisations/O0/edit\""))
            // Its kind, country and main sector chosen; the second and third sector left empty.
            #expect(form.body.string.contains(#"<option value="cluster-organisation" selected>Cluster organisation</option>"#))
            #expect(form.body.string.contains(#"<option value="FR" selected>France</option>"#))
            #expect(form.body.string.components(separatedBy: #"<option value="C26" selected>"#).count == 2)
            // The cluster picker names the validated clusters, with nothing chosen for a cluster itself.
            #expect(form.body.string.contains(#"<option value="O0">Lyon Photonics Cluster (Lyon, France)</option>"#))

            try await makeUser(app, "sme@example.eu", organisation: "O1")
            let sme = try await TestBrowser.signedIn(app, "sme@example.eu").get("/organisations/O1/edit").body.string
            #expect(sme.contains(#"<option value="sme" selected>"#))
            #expect(sme.contains(#"<option value="DE" selected>Germany</option>"#))
            #expect(sme.contains(#"<option value="O0" selected>Lyon Photonics Cluster (Lyon, France)</option>"#))
            let saved = try await browser.post(
                "/organisations/O0/edit",
                form: [
                    "name": "Lyon Photonics Cluster", "kind": "cluster-organisation", "country": "FR", "city": "Lyon",
                    "sector1": "C26", "sector2": "C27", "topics": "photonics, lasers", "languages": "fr, en",
                    "description": "Now with lasers.",
                ])
            #expect(saved.status == .seeOther)
            #expect(try await browser.get("/organisations/O0").body.string.contains("Now with lasers."))
            #expect(try await TestBrowser(app).get("/organisations/O0/edit").status == .seeOther)
        }
    }
}
