import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Two of the same action at the same moment: one wins, the other is a clear 409 (or 410), never a
/// 500 and never a double effect.
@Suite struct RaceTests {
    /// Runs `count` copies of `action` at once and returns their statuses.
    func together(_ count: Int = 2, _ action: @escaping @Sendable () async throws -> HTTPStatus) async throws -> [HTTPStatus] {
        try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
            for _ in 0..<count { group.addTask { try await action() } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test func aRoundIsSentOnce() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(SuggestionTests.scene, into: app.db)
            let admin = try await APIClient.signedIn(app, "admin@example.eu", role: .admin)
            let round = try await admin.send(.POST, "/api/v1/rounds", json: [:]).content.decode(RoundDTO.self)
            let statuses = try await together { try await admin.send(.POST, "/api/v1/rounds/\(round.id)/send").status }
            #expect(statuses.sorted { $0.code < $1.code } == [.ok, .conflict])
            let mails = try await OutboxMessage.query(on: app.db).count()
            let again = try await admin.send(.POST, "/api/v1/rounds/\(round.id)/send")
            #expect(again.status == .conflict)
            #expect(try await OutboxMessage.query(on: app.db).count() == mails)
        }
    }

    @Test func aRegistrationIsDecidedOnce() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(ImportTests.valid, into: app.db)
            let anna = try await APIClient.signedIn(app, "anna@example.eu")
            let coordinator = try await APIClient.signedIn(app, "coord@example.eu", role: .coordinator, partnership: "P1")
            let created = try await anna.send(.POST, "/api/v1/organisations", json: RegistrationTests.austrianLab)
            let key = try created.content.decode(OrganisationDTO.self).key
            let registration = try await anna.send(
                .POST, "/api/v1/organisations/\(key)/registration",
                json: [
                    "asHost": true, "motivation": "We want to show our machines to visitors.", "partnership": "P1",
                ]
            ).content.decode(RegistrationDTO.self)
            let statuses = try await together(3) {
                try await coordinator.send(
                    .POST, "/api/v1/registrations/\(registration.id)/decision", json: ["decision": "validate"]
                ).status
            }
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 2)
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$recipient == "anna@example.eu").count() == 1)
        }
    }

    @Test func anOrganisationIsRegisteredOnce() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(ImportTests.valid, into: app.db)
            let anna = try await APIClient.signedIn(app, "anna@example.eu")
            let key = try await anna.send(.POST, "/api/v1/organisations", json: RegistrationTests.austrianLab).content.decode(
                OrganisationDTO.self
            ).key
            let statuses = try await together(3) {
                try await anna.send(
                    .POST, "/api/v1/organisations/\(key)/registration",
                    json: [
                        "asHost": true, "motivation": "We want to show our machines to visitors.", "partnership": "P1",
                    ]
                ).status
            }
            #expect(statuses.allSatisfy { $0 == .created || $0 == .conflict }, "\(statuses)")
            #expect(statuses.contains(.created))
            #expect(try await Registration.query(on: app.db).count() == 1)
        }
    }

    @Test func aResetLinkWorksOnce() async throws {
        try await withApp { app in
            try await makeUser(app, "rita@example.eu")
            try await app.context.passwordResets.request(email: "rita@example.eu")
            let body = try #require(try await deliverMail(app).first?.body)
            let resetToken = try #require(
                body.components(separatedBy: "token=").last?.components(separatedBy: .whitespacesAndNewlines).first)
            let statuses = try await together(4) {
                try await app.testing().sendRequest(
                    .POST, "/api/v1/auth/password-reset/confirm",
                    beforeRequest: {
                        try $0.content.encode(["token": resetToken, "password": "a-brand-new-password"])
                    }
                ).status
            }
            #expect(statuses.filter { $0 == .noContent }.count == 1)
            #expect(statuses.filter { $0 == .gone }.count == 3)
        }
    }

    @Test func twoOrganisationsWithOneNameGetTwoKeys() async throws {
        try await withApp { app in
            let anna = try await APIClient.signedIn(app, "anna@example.eu")
            let statuses = try await together(4) {
                try await anna.send(.POST, "/api/v1/organisations", json: RegistrationTests.austrianLab).status
            }
            #expect(statuses.allSatisfy { $0 == .created }, "\(statuses)")
            let keys = try await Organisation.query(on: app.db).all().map(\.key)
            #expect(Set(keys).count == 4)
        }
    }

    @Test func askingToJoinTwiceAtOnceIsOneRequest() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(ImportTests.valid, into: app.db)
            let gina = try await APIClient.signedIn(app, "gina@example.eu")
            let statuses = try await together(3) { try await gina.send(.POST, "/api/v1/organisations/O0/join").status }
            #expect(statuses.filter { $0 == .accepted }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 2)
            #expect(try await Membership.query(on: app.db).count() == 1)
        }
    }
}
