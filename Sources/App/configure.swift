import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import Vapor

/// Configures the application: database, views, middleware, routes and commands.
public func configure(_ app: Application) async throws {
    try configureDatabase(app)
    app.views.use(.leaf)
    app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory))
    try routes(app)
    app.asyncCommands.use(QuoteCommand(), as: "quote")
}

/// PostgreSQL when `DATABASE_URL` is set, otherwise the SQLite file `DATABASE_PATH`.
func configureDatabase(_ app: Application) throws {
    if let url = Environment.get("DATABASE_URL"), !url.isEmpty {
        try app.databases.use(.postgres(url: url), as: .psql)
    } else {
        let path = Environment.get("DATABASE_PATH") ?? "clusterxchange.sqlite"
        app.databases.use(.sqlite(.file(path)), as: .sqlite)
    }
}
