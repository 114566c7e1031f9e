import Foundation
import Testing

@testable import App

/// The instance's short-lived caches: read once, again after their lifetime or when forgotten.
@Suite struct InstanceCachesTests {
    @Test func partnershipNamesAreReadOnceThenAgainWhenOldOrForgotten() async throws {
        let caches = InstanceCaches()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var reads = 0
        func load() -> [InstanceCaches.PartnershipName] {
            reads += 1
            return [.init(key: "P\(reads)", name: "Partnership \(reads)")]
        }
        #expect(try await caches.partnershipNames(now: start, load: load).map(\.key) == ["P1"])
        #expect(try await caches.partnershipNames(now: start.addingTimeInterval(29), load: load).map(\.key) == ["P1"])
        #expect(reads == 1)
        #expect(try await caches.partnershipNames(now: start.addingTimeInterval(31), load: load).map(\.key) == ["P2"])
        caches.forgetAll()
        #expect(try await caches.partnershipNames(now: start.addingTimeInterval(32), load: load).map(\.key) == ["P3"])
        #expect(reads == 3)
    }
}
