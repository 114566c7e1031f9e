import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import LeafKit
import ProgrammeRules
import Vapor

/// Configures the application: database, views, middleware, routes, commands and the background
/// work of `serve`.
public func configure(_ app: Application) async throws {
    try await configure(app, try AppConfiguration.fromEnvironment())
}

/// Configures with explicit settings, as the tests do (no process-wide environment to race on).
func configure(_ app: Application, _ configuration: AppConfiguration) async throws {
    app.directory = DirectoryConfiguration(workingDirectory: configuration.rootDirectory)
    try configureDatabase(app, configuration.database)
    // Leaf's own provider re-reads every template on every page in Vapor's development
    // environment, which `serve` runs in unless told otherwise: a third of a page's time. Templates
    // are read once unless RELOAD_TEMPLATES asks otherwise (decision 0023).
    app.leaf.cache.isEnabled = !configuration.reloadTemplates
    app.views.use { app in
        LeafRenderer(
            configuration: app.leaf.configuration, tags: app.leaf.tags, cache: app.leaf.cache, sources: app.leaf.sources,
            eventLoop: app.eventLoopGroup.next(), userInfo: ["application": app])
    }
    var databaseLoop: (any EventLoop)?
    if case .sqlite = configuration.database { databaseLoop = app.eventLoopGroup.next() }
    app.settings = PlatformSettings(
        linkBase: configuration.linkBase, clock: PlatformClock(fixedToday: configuration.today),
        secureCookies: configuration.secureCookies, trustsForwardedFor: configuration.trustsForwardedFor,
        databaseLoop: databaseLoop,
        files: LocalFileStorage(
            folder: URL(fileURLWithPath: configuration.storagePath, relativeTo: URL(fileURLWithPath: configuration.rootDirectory))
        ), metricsToken: configuration.metricsToken)
    app.storage[TokenCacheKey.self] = TokenCache()
    await app.storage.setWithAsyncShutdown(PasswordWorkKey.self, to: PasswordWork()) { try await $0.shutdown() }
    // A JSON body larger than this is refused before it is read; uploads name their own limit.
    app.routes.defaultMaxBodySize = "64kb"
    // Our middleware replaces Vapor's defaults: headers on every answer, errors as problem
    // details or pages, then the static files.
    app.middleware = Middlewares()
    app.middleware.use(app.inFlight)
    app.middleware.use(RequestIDMiddleware())
    _ = PlatformMetrics.registry
    app.middleware.use(MetricsMiddleware())
    app.middleware.use(SecurityHeadersMiddleware(hsts: configuration.secureCookies))
    app.middleware.use(ProblemMiddleware())
    app.middleware.use(RequestSanityMiddleware())
    app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory))
    app.storage[MatchingIndexKey.self] = MatchingIndex(rules: EligibilityRules(calendar: try HolidayCalendar.bundled()))
    // Set up here, before any request, not on first use: `storage` is not for concurrent writers.
    app.storage[InstanceCachesKey.self] = InstanceCaches()
    useMatchingChangeLog(app)
    try routes(app, configuration)
    app.migrations.add(Migrations.all)
    app.asyncCommands.use(QuoteCommand(), as: "quote")
    app.asyncCommands.use(ImportCommand(), as: "import")
    app.asyncCommands.use(ExportCommand(), as: "export")
    app.asyncCommands.use(UserCommand(), as: "user")
    app.asyncCommands.use(SeedDemoCommand(), as: "seed-demo")
    app.asyncCommands.use(SuggestCommand(), as: "suggest")
    app.asyncCommands.use(OptimiseCommand(), as: "optimise")
    if let smtp = configuration.smtp {
        app.mailTransport = SMTPClient(configuration: smtp, eventLoopGroup: app.eventLoopGroup)
    }
    if ServeMigration.isServing(app.environment) {
        app.lifecycle.use(ServeMigration())
        if app.environment != .testing {
            for worker in BackgroundWork.workers { app.lifecycle.use(worker) }
        }
    }
}

/// Every save or delete of an organisation, offer or request on the database `id` (the default
/// one when nil) writes a line to the matching change log.
func useMatchingChangeLog(_ app: Application, on id: DatabaseID? = nil) {
    app.databases.middleware.use(MatchingChangeMiddleware<Organisation>(index: app.matching), on: id)
    app.databases.middleware.use(MatchingChangeMiddleware<Offer>(index: app.matching), on: id)
    app.databases.middleware.use(MatchingChangeMiddleware<VisitRequest>(index: app.matching), on: id)
}

func configureDatabase(_ app: Application, _ choice: AppConfiguration.DatabaseChoice) throws {
    switch choice {
    case .postgres(let url, let connections):
        var configuration = try SQLPostgresConfiguration(url: url)
        // Each prepared query is planned once per connection rather than on every run: PostgreSQL's
        // default kept re-planning them, the largest part of its work on a signed-in page (decision 0029).
        configuration.coreConfiguration.options.additionalStartupParameters = [("plan_cache_mode", "force_generic_plan")]
        app.databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: connections), as: .psql)
    case .sqlite(let path):
        app.databases.use(.sqlite(.file(path)), as: .sqlite)
    }
}
