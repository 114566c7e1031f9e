import Foundation
import NIOConcurrencyHelpers
import Vapor

/// What an instance keeps briefly of rarely changing data that every page of a kind asks: the
/// partnerships' names, which each catalogue page offers as a filter. Kept `lifetime` seconds, so
/// a partnership imported through another instance shows within that time; an import in this
/// process forgets it at once. Nothing here must survive: a new instance reads it again.
final class InstanceCaches: Sendable {
    static let lifetime: TimeInterval = 30

    private let names = NIOLockedValueBox<(names: [PartnershipName], until: Date)?>(nil)

    /// Signed-in pages kept until the data stamp moves (decision 0030); they follow their own rules.
    let pages = RememberedPages()
    /// Sign-in attempts settled here, per client, which waiting attempts watch (`SignInThrottle`).
    let signIns = SignInSettles()

    struct PartnershipName: Sendable, Decodable {
        let key: String
        let name: String
    }

    /// The partnerships' names, read by `load` when not known or too old.
    func partnershipNames(
        now: Date = Date(), load: () async throws -> [PartnershipName]
    ) async throws -> [PartnershipName] {
        if let known = names.withLockedValue({ $0.flatMap { $0.until > now ? $0.names : nil } }) { return known }
        let loaded = try await load()
        names.withLockedValue { $0 = (loaded, now.addingTimeInterval(Self.lifetime)) }
        return loaded
    }

    func forgetAll() {
        names.withLockedValue { $0 = nil }
    }
}

struct InstanceCachesKey: StorageKey {
    typealias Value = InstanceCaches
}

extension Application {
    /// This instance's short-lived caches, set up by `configure`.
    var instanceCaches: InstanceCaches {
        guard let caches = storage[InstanceCachesKey.self] else { fatalError("configure(_:) sets up InstanceCaches") }
        return caches
    }
}
