import Fluent
import Foundation
import Testing

@testable import App

@Suite struct AccountCommandTests {
    @Test func createsAnAccountLinkedToItsOrganisation() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(ImportTests.valid, into: app.db)
            let input = try AccountInput.validated(
                email: " Anna@Example.EU ", password: "a-long-password", role: "participant", name: "Anna")
            let user = try await app.context.accounts.create(input, organisationKey: "O1")
            #expect(user.email == "anna@example.eu")
            #expect(user.passwordHash != "a-long-password")
            #expect(try app.password.verify("a-long-password", created: user.passwordHash))
            let membership = try #require(try await Membership.query(on: app.db).with(\.$organisation).first())
            #expect(membership.organisation.key == "O1")
        }
    }

    @Test func badInputNamesTheFields() {
        do {
            _ = try AccountInput.validated(email: "not-an-email", password: "short", role: "boss", name: nil)
            Issue.record("accepted bad input")
        } catch {
            #expect(error.problems.map(\.field) == ["email", "password", "role"])
            #expect(error.problems.map(\.rule) == ["email-format", "password-length", "role-unknown"])
        }
    }

    @Test func duplicateEmailsAndUnknownKeysAreRefused() async throws {
        try await withApp { app in
            let input = try AccountInput.validated(email: "a@example.eu", password: "a-long-password", role: "admin", name: nil)
            _ = try await app.context.accounts.create(input)
            await #expect(throws: AppError.self) { try await app.context.accounts.create(input) }
            let other = try AccountInput.validated(
                email: "b@example.eu", password: "a-long-password", role: "coordinator", name: nil)
            await #expect(throws: AppError.self) { try await app.context.accounts.create(other, partnershipKey: "nope") }
            #expect(try await User.query(on: app.db).count() == 1)
        }
    }

    @Test func theCommandLineCreatesAccounts() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cx-user-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let ok = try Executable.run(
            ["user", "create", "--email", "admin@example.eu", "--password", "a-long-password", "--role", "admin"], in: directory)
        #expect(ok.status == 0, "\(ok.standardError)")
        #expect(ok.standardOutput.contains("created admin admin@example.eu"))
        let twice = try Executable.run(
            ["user", "create", "--email", "admin@example.eu", "--password", "a-long-password", "--role", "admin"], in: directory)
        #expect(twice.status != 0)
        #expect(twice.standardError.contains("email: an account with this e-mail already exists"))
        let short = try Executable.run(
            ["user", "create", "--email", "x@example.eu", "--password", "short", "--role", "admin"], in: directory)
        #expect(short.standardError.contains("password: must be at least 12 characters"))
    }
}
