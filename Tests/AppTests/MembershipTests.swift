import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite struct MembershipTests {
    @Test func aPersonAsksToJoinAndAnAdminApproves() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(ImportTests.valid, into: app.db)
            try await makeUser(app, "admin-of-o0@example.eu", organisation: "O0")
            let owner = try await RegistrationTests.Client(app: app, token: token(app, "admin-of-o0@example.eu"))
            let joiner = try await RegistrationTests.client(app, "gina@example.eu")
            let stranger = try await RegistrationTests.client(app, "hugo@example.eu")

            let asked = try await joiner.send(.POST, "/api/v1/organisations/O0/join")
            #expect(asked.status == .accepted)
            #expect(try await joiner.send(.POST, "/api/v1/organisations/O0/join").status == .conflict)
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$recipient == "admin-of-o0@example.eu").count() == 1)

            // Not yet a member: no registering, no member list.
            let early = try await joiner.send(
                .POST, "/api/v1/organisations/O0/registration",
                json: ["asHost": true, "motivation": "Twenty characters at least.", "partnership": "P1"])
            #expect(early.status == .notFound)
            #expect(try await stranger.send(.GET, "/api/v1/organisations/O0/members").status == .notFound)

            let members = try await owner.send(.GET, "/api/v1/organisations/O0/members").content.decode([Memberships.Member].self)
            let request = try #require(members.first { $0.email == "gina@example.eu" })
            #expect(request.status == .requested)
            #expect(
                try await stranger.send(.POST, "/api/v1/organisations/O0/members/\(request.userID)/approve").status == .notFound)
            #expect(
                try await owner.send(.POST, "/api/v1/organisations/O0/members/\(request.userID)/approve").status == .noContent)
            #expect(try await owner.send(.POST, "/api/v1/organisations/O0/members/\(request.userID)/approve").status == .conflict)
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$recipient == "gina@example.eu").count() == 1)

            let me = try await joiner.send(.GET, "/api/v1/me")
            #expect(me.body.string.contains("\"organisations\":[\"O0\"]"))
        }
    }

    @Test func thePagesOfferJoiningAndApproving() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(ImportTests.valid, into: app.db)
            try await makeUser(app, "owner@example.eu", organisation: "O0")
            try await makeUser(app, "ida@example.eu")
            let ida = TestBrowser(app)
            _ = try await ida.post("/login", form: ["email": "ida@example.eu", "password": "a-long-password"])
            #expect(try await ida.get("/organisations/O0").body.string.contains("ask to join"))
            #expect(try await ida.post("/organisations/O0/join", form: [:]).status == .seeOther)
            #expect(try await ida.get("/my").body.string.contains("Waiting for an admin"))
            #expect(!(try await ida.get("/organisations/O0").body.string.contains("ask to join")))

            let owner = TestBrowser(app)
            _ = try await owner.post("/login", form: ["email": "owner@example.eu", "password": "a-long-password"])
            let page = try await owner.get("/my").body.string
            #expect(page.contains("ida (ida@example.eu) asks to join Lyon Photonics Cluster"))
            #expect(try await owner.get("/dashboard").body.string.contains("ida asks to join Lyon Photonics Cluster"))
            let action = try #require(
                page.components(separatedBy: "action=\"").first { $0.hasPrefix("/organisations/O0/members/") }?.components(
                    separatedBy: "\""
                ).first)
            #expect(try await owner.post(action, form: [:]).status == .seeOther)
            #expect(!(try await ida.get("/my").body.string.contains("Waiting for an admin")))
        }
    }
}
