import Fluent
import Vapor

struct UserCreateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "The login e-mail") var email: String?
        @Option(name: "password", help: "At least 12 characters") var password: String?
        @Option(name: "role", help: "admin, coordinator or participant") var role: String?
        @Option(name: "name", help: "The person's name (default: the e-mail's local part)") var name: String?
        @Option(name: "organisation", help: "A participant's organisation, by key") var organisation: String?
        @Option(name: "partnership", help: "A coordinator's partnership, by key") var partnership: String?

        init() {}
    }

    var help: String { "Creates an account." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let input = try AccountInput.validated(
            email: signature.email, password: signature.password, role: signature.role, name: signature.name)
        let user = try await app.context.accounts.create(
            input, organisationKey: signature.organisation, partnershipKey: signature.partnership)
        context.console.output("created \(user.role.rawValue) \(user.email)".consoleText())
    }
}
