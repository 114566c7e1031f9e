import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import Vapor

/// Configures the application: database, views, middleware, routes and commands.
public func configure(_ app: Application) async throws {
    try await configure(app, try AppConfiguration.fromEnvironment())
}

/// Configures with explicit settings, as the tests do (no process-wide environment to race on).
func configure(_ app: Application, _ configuration: AppConfiguration) async throws {
    app.directory = DirectoryConfiguration(workingDirectory: configuration.rootDirectory)
    try configureDatabase(app, configuration.database)
    app.views.use(.leaf)
    app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory))
    app.middleware.use(app.sessions.middleware)
    try routes(app)
    app.migrations.add(Migrations.all)
    app.sessions.use(.fluent)
    app.asyncCommands.use(QuoteCommand(), as: "quote")
    app.asyncCommands.use(ImportCommand(), as: "import")
    app.asyncCommands.use(UserCommand(), as: "user")
    app.asyncCommands.use(SeedDemoCommand(), as: "seed-demo")
    if ServeMigration.isServing(app.environment) {
        app.lifecycle.use(ServeMigration())
    }
}

func configureDatabase(_ app: Application, _ choice: AppConfiguration.DatabaseChoice) throws {
    switch choice {
    case .postgres(let url):
        try app.databases.use(.postgres(url: url), as: .psql)
    case .sqlite(let path):
        app.databases.use(.sqlite(.file(path)), as: .sqlite)
    }
}
