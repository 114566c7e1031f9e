import Fluent
import Vapor

/// What `configure` decides once and every request reads.
struct PlatformSettings: Sendable {
    /// "https://clusterxchange.example": the start of every link in an e-mail.
    var linkBase = "http://127.0.0.1:8080"
    var clock = PlatformClock()
    var secureCookies = false
    var trustsForwardedFor = false
    /// With SQLite, every query of the instance goes through the one connection of this event
    /// loop (docs/decisions/0018-one-sqlite-connection.md).
    var databaseLoop: (any EventLoop)? = nil
    /// Where uploaded files' bytes live (`STORAGE_PATH`).
    var files: any FileStorage = LocalFileStorage(folder: URL(fileURLWithPath: "storage"))
    /// `METRICS_TOKEN`: what `/metrics` asks of its scraper, if anything.
    var metricsToken: String? = nil
}

extension Application {
    var settings: PlatformSettings {
        get { storage[PlatformSettingsKey.self] ?? PlatformSettings() }
        set { storage[PlatformSettingsKey.self] = newValue }
    }

    var linkBase: String { settings.linkBase }

    /// The database every service, middleware, job and command uses. On SQLite this is always the
    /// same connection: SQLite lets one writer at a time, and its driver waits for a lock by
    /// spinning on a thread the lock's holder may need, so two connections writing at once could
    /// stop each other for good. One connection queues them instead.
    var database: any Database {
        guard let loop = settings.databaseLoop, let database = databases.database(logger: logger, on: loop) else { return db }
        return database
    }
    var clock: PlatformClock { settings.clock }
    var trustsForwardedFor: Bool { settings.trustsForwardedFor }
}

extension Request {
    /// This request's way to the database (see `Application.database`).
    var database: any Database {
        guard let loop = application.settings.databaseLoop,
            let database = application.databases.database(logger: logger, on: loop)
        else { return db }
        return database
    }
}
