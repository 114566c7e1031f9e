import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// The registration form helps: the SME rule is said before it bites, and a CV chosen once is kept
/// when the form comes back with an error.
@Suite struct RegistrationFormTests {
    static let pdf = Data("%PDF-1.4\n% a CV\n".utf8)

    @Test func aCVSentWithAMistakeIsKeptForTheNextAttempt() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(ImportTests.valid, into: app.db)
            try await makeUser(app, "ines@example.eu")
            let browser = try await TestBrowser.signedIn(app, "ines@example.eu")
            #expect(
                try await browser.post(
                    "/organisations",
                    form: [
                        "name": "Lisboa Design Hub", "kind": "innovation-hub", "country": "PT", "city": "Lisboa",
                        "sector1": "M74",
                    ]
                ).status == .seeOther)
            let path = "/organisations/lisboa-design-hub/registration"
            _ = try await browser.get(path)
            // The motivation is too short: the form comes back, and the CV with it.
            let refused = try await browser.post(
                path, form: ["asVisitor": "on", "motivation": "Short.", "partnership": "P1"],
                files: ["cv": ("ines-cv.pdf", Self.pdf)])
            #expect(refused.status == .unprocessableEntity)
            let page = refused.body.string
            #expect(page.contains("Your file <strong>ines-cv.pdf</strong> is kept"))
            let kept = try #require(
                page.range(of: #"name="keptCV" value=""#).map { String(page[$0.upperBound...].prefix { $0 != "\"" }) })

            let sent = try await browser.post(
                path,
                form: [
                    "asVisitor": "on", "motivation": "We want to learn how design hubs run residencies.", "partnership": "P1",
                    "keptCV": kept,
                ])
            #expect(sent.status == .seeOther)
            let registration = try #require(try await Registration.query(on: app.db).first())
            let file = try #require(try await StoredFile.find(registration.$cv.id, on: app.db))
            #expect(file.filename == "ines-cv.pdf")
            #expect(file.data == Self.pdf)
            #expect(try await StoredFile.query(on: app.db).count() == 1)

            // Someone else's kept file cannot be taken.
            try await makeUser(app, "other@example.eu")
            let other = try await TestBrowser.signedIn(app, "other@example.eu")
            _ = try await other.post(
                "/organisations",
                form: ["name": "Faro Lab", "kind": "fab-lab", "country": "PT", "city": "Faro", "sector1": "C26"])
            _ = try await other.get("/organisations/faro-lab/registration")
            let stolen = try await other.post(
                "/organisations/faro-lab/registration",
                form: ["asHost": "on", "motivation": "We open our lab to cluster visitors.", "partnership": "P1", "keptCV": kept])
            #expect(stolen.status == .unprocessableEntity)
            #expect(stolen.body.string.contains("the file chosen before is gone"))
        }
    }

    @Test func anSMEWithoutAClusterIsToldBeforeItRegisters() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(ImportTests.valid, into: app.db)
            try await makeUser(app, "jan@example.eu")
            let browser = try await TestBrowser.signedIn(app, "jan@example.eu")
            let form = try await browser.get("/organisations/new").body.string
            #expect(form.contains("An SME visits only as a member of a cluster: choose yours."))
            _ = try await browser.post(
                "/organisations",
                form: ["name": "Gdansk Sensors", "kind": "sme", "country": "PL", "city": "Gdańsk", "sector1": "C26"])
            let page = try await browser.get("/organisations/gdansk-sensors/registration").body.string
            #expect(page.contains(#"id="sme-rule""#))
            #expect(page.contains(#"<a href="/organisations/gdansk-sensors/edit">Add your cluster to the profile</a>"#))
        }
    }
}
