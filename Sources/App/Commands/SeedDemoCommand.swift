import Fluent
import ProgrammeRules
import Vapor

/// `clusterxchange seed-demo`: fills an empty database with the demo dataset; on a database that
/// already holds partnerships it changes nothing, so running it twice is safe.
struct SeedDemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        init() {}
    }

    var help: String { "Fills an empty database with the demo dataset and the demo logins." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let outcome = try await Self.seed(app.context, progress: ProgressLine("loading demo data"))
        app.instanceCaches.forgetAll()
        context.console.output(outcome.consoleText())
    }

    /// Loads the demo dataset unless the database already has partnerships; returns what to tell.
    static func seed(_ context: ServiceContext, progress: ProgressLine? = nil) async throws -> String {
        let database = context.db
        guard try await Partnership.query(on: database).count() == 0 else {
            return "The database already holds data: the demo dataset was not loaded again.\n" + loginsText
        }
        let dataset = DemoDataset(gazetteer: try Gazetteer.bundled())
        let summary = try await Importer(database: database).run(dataset.records) { done, total in
            progress?.update(done, of: total)
        }
        for login in DemoDataset.logins where try await User.find(email: login.email, on: database) == nil {
            let input = try AccountInput.validated(
                email: login.email, password: DemoDataset.password, role: login.role.rawValue, name: login.name)
            _ = try await context.accounts.create(input, organisationKey: login.organisation, partnershipKey: login.partnership)
        }
        let exchanges = try await DemoExchanges(context: context).seed(
            progress: progress.map { _ in ProgressLine("writing demo exchanges") })
        _ = try await DemoRegistrations(context: context).seed()
        let publications = try await DemoPublications(context: context).seed()
        let outcomes = try await DemoOutcomes(context: context).seed()
        return "Demo dataset loaded: \(summary), \(exchanges) exchanges in every phase, a registration waiting to be "
            + "validated, \(publications) news items and events, \(outcomes) answers on what came of paid exchanges.\n"
            + loginsText
    }

    static var loginsText: String {
        "Demo logins (password \"\(DemoDataset.password)\"):\n"
            + DemoDataset.logins.map {
                "  \($0.role.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)) \($0.email)  (\($0.name))"
            }
            .joined(separator: "\n")
    }
}
