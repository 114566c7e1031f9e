import Fluent
import Vapor

struct PlatformSettingsKey: StorageKey {
    typealias Value = PlatformSettings
}
