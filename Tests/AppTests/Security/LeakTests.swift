import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// What an answer must not tell: internal error text, whether an e-mail has an account, a
/// registration to someone not yet approved as a member.
@Suite struct LeakTests {
    @Test func aServerErrorNeverShowsItsText() {
        let problem = Problem(Abort(.internalServerError, reason: "password=hunter2 at db.internal:5432"), instance: "/x")
        #expect(problem.status == 500)
        #expect(problem.detail == Problem.internalDetail)
        let unknown = Problem(DatabaseNotSQL(), instance: "/x")
        #expect(unknown.detail == Problem.internalDetail)
    }

    @Test func aMemberNotYetApprovedSeesNothingOfTheRegistration() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(ImportTests.valid, into: app.db)
            try await makeUser(app, "joiner@example.eu")
            let joiner = TestBrowser(app)
            try await joiner.post("/login", form: ["email": "joiner@example.eu", "password": "a-long-password"])
            let token = try await token(app, "joiner@example.eu")
            #expect(try await APIClient(app: app, token: token).send(.POST, "/api/v1/organisations/O0/join").status == .accepted)
            let my = try await joiner.get("/my").body.string
            #expect(my.contains("Lyon Photonics Cluster"))
            #expect(my.contains("request to join waiting"))
            #expect(!my.contains("Photonics Partnership"))
            #expect(!my.contains(">validated<"))
            #expect(!my.contains("/registration"))
        }
    }

    @Test func aCVReplacedIsACVDeleted() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(ImportTests.valid, into: app.db)
            let anna = try await APIClient.signedIn(app, "anna@example.eu")
            let key = try await anna.send(.POST, "/api/v1/organisations", json: RegistrationTests.austrianLab).content.decode(
                OrganisationDTO.self
            ).key
            let registration = try await anna.send(
                .POST, "/api/v1/organisations/\(key)/registration",
                json: [
                    "asHost": true, "motivation": "We want to show our machines to visitors.", "partnership": "P1",
                ]
            ).content.decode(RegistrationDTO.self)
            var pdf = anna
            pdf.headers.contentType = HTTPMediaType(type: "application", subType: "pdf")
            for version in 1...3 {
                #expect(
                    try await pdf.send(.PUT, "/api/v1/registrations/\(registration.id)/cv", raw: "%PDF-1.4 version \(version)")
                        .status == .noContent)
            }
            #expect(try await StoredFile.query(on: app.db).count() == 1)
            #expect(try await pdf.send(.GET, "/api/v1/registrations/\(registration.id)/cv").body.string == "%PDF-1.4 version 3")
        }
    }
}
