import Vapor

/// What `configure` decides once and every request reads.
struct PlatformSettings: Sendable {
    /// "https://clusterxchange.example": the start of every link in an e-mail.
    var linkBase = "http://127.0.0.1:8080"
    var clock = PlatformClock()
    var secureCookies = false
    var trustsForwardedFor = false
}

struct PlatformSettingsKey: StorageKey {
    typealias Value = PlatformSettings
}

extension Application {
    var settings: PlatformSettings {
        get { storage[PlatformSettingsKey.self] ?? PlatformSettings() }
        set { storage[PlatformSettingsKey.self] = newValue }
    }

    var linkBase: String { settings.linkBase }
    var clock: PlatformClock { settings.clock }
    var trustsForwardedFor: Bool { settings.trustsForwardedFor }
}
