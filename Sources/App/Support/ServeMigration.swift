import Vapor

/// The server migrates its database before it accepts requests. Other commands migrate
/// themselves when they need the database, so `quote` never creates a database file.
struct ServeMigration: LifecycleHandler {
    static func isServing(_ environment: Environment) -> Bool {
        // Without a command, or with only options, Vapor runs `serve`.
        guard let command = environment.arguments.dropFirst().first, !command.hasPrefix("-") else { return true }
        return command == "serve"
    }

    func willBootAsync(_ application: Application) async throws {
        try await application.autoMigrate()
    }
}
