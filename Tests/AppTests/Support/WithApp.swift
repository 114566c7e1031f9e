import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Runs `body` against a configured application and always shuts it down. The database is a
/// fresh SQLite file, or the PostgreSQL server named by `DATABASE_URL` when the test command
/// starts one.
func withApp(_ body: (Application) async throws -> Void) async throws {
    let sqlite = FileManager.default.temporaryDirectory.appendingPathComponent("cx-test-\(UUID()).sqlite").path
    let database: AppConfiguration.DatabaseChoice =
        ProcessInfo.processInfo.environment["DATABASE_URL"].map { .postgres(url: $0) } ?? .sqlite(path: sqlite)
    let configuration = AppConfiguration(database: database, rootDirectory: Executable.packageRoot.path + "/")
    let app = try await Application.make(.testing)
    // Quiet unless something goes wrong; TEST_LOG_LEVEL=debug shows every request.
    app.logger.logLevel = ProcessInfo.processInfo.environment["TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
    do {
        try await configure(app, configuration)
        try await body(app)
    } catch {
        try await app.asyncShutdown()
        try? FileManager.default.removeItem(atPath: sqlite)
        throw error
    }
    try await app.asyncShutdown()
    try? FileManager.default.removeItem(atPath: sqlite)
}
