import Fluent
import FluentPostgresDriver
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// Runs `body` against a configured, migrated application and always shuts it down. Each call
/// gets a database of its own, so tests run in parallel: a fresh SQLite file, or, when the test
/// command started PostgreSQL (`DATABASE_URL`), a fresh database on that server.
func withApp(publicURL: String? = nil, _ body: (Application) async throws -> Void) async throws {
    try await withInstances(1, publicURL: publicURL) { apps in try await body(apps[0]) }
}

/// Several application instances sharing one fresh database, as production runs them.
func withInstances(_ count: Int, publicURL: String? = nil, _ body: ([Application]) async throws -> Void) async throws {
    let environment = ProcessInfo.processInfo.environment
    let sqlite = FileManager.default.temporaryDirectory.appendingPathComponent("cx-test-\(UUID()).sqlite").path
    let serverURL = environment["DATABASE_URL"]
    let database: AppConfiguration.DatabaseChoice = serverURL.map { .postgres(url: $0) } ?? .sqlite(path: sqlite)
    var configuration = AppConfiguration(
        database: database, rootDirectory: Executable.packageRoot.path + "/", publicURL: publicURL)
    // Uploaded files go to a folder of the test's own, removed with its database.
    let storage = FileManager.default.temporaryDirectory.appendingPathComponent("cx-files-\(UUID())").path
    configuration.storagePath = storage
    var apps: [Application] = []
    var ownDatabase: String?
    do {
        for number in 0..<count {
            let app = try await Application.make(.testing)
            apps.append(app)
            // Quiet unless something goes wrong; TEST_LOG_LEVEL=debug shows every request.
            app.logger.logLevel = environment["TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
            try await configure(app, configuration)
            // bcrypt's lowest cost: the same code path, a hundredth of the time.
            app.passwords.use(.bcrypt(cost: 4))
            if let serverURL {
                if number == 0 {
                    let name = "cx_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
                    try await sql(app, .psql).raw("CREATE DATABASE \(unsafeRaw: name)").run()
                    ownDatabase = name
                }
                var components = URLComponents(string: serverURL)
                components?.path = "/" + (ownDatabase ?? "")
                app.databases.use(try .postgres(url: components?.string ?? serverURL), as: .testDatabase, isDefault: true)
                useMatchingChangeLog(app, on: .testDatabase)
            }
            if number == 0 { try await app.autoMigrate() }
        }
        try await body(apps)
    } catch {
        if let first = apps.first { try? await dropOwnDatabase(first, ownDatabase) }
        for app in apps.reversed() { try await app.asyncShutdown() }
        try? FileManager.default.removeItem(atPath: sqlite)
        try? FileManager.default.removeItem(atPath: storage)
        throw error
    }
    // Other instances let go of the database before the first one drops it.
    for app in apps.dropFirst().reversed() { try await app.asyncShutdown() }
    if let first = apps.first {
        try await dropOwnDatabase(first, ownDatabase)
        try await first.asyncShutdown()
    }
    try? FileManager.default.removeItem(atPath: sqlite)
    try? FileManager.default.removeItem(atPath: storage)
}

extension DatabaseID {
    static let testDatabase = DatabaseID(string: "test")
}

private func sql(_ app: Application, _ id: DatabaseID) throws -> any SQLDatabase {
    guard let database = app.db(id) as? any SQLDatabase else { throw Abort(.internalServerError, reason: "not SQL") }
    return database
}

private func dropOwnDatabase(_ app: Application, _ name: String?) async throws {
    guard let name else { return }
    try await sql(app, .psql).raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run()
}
