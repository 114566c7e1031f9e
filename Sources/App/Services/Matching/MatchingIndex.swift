import Fluent
import Matching
import NIOConcurrencyHelpers
import ProgrammeRules
import Vapor

/// The matching engine of this instance: a cache of the database, built on first use and kept
/// current by following the change log (docs/decisions/0011). Readers take a snapshot (a copy
/// that shares storage) and rank outside any lock, so suggestions run in parallel.
final class MatchingIndex: Sendable {
    private let published: NIOLockedValueBox<(matcher: Matcher?, stale: Bool)>
    private let follower: Follower
    let rules: EligibilityRules

    init(rules: EligibilityRules) {
        self.rules = rules
        self.published = NIOLockedValueBox((nil, true))
        self.follower = Follower(matcher: Matcher(rules: rules))
    }

    /// Something changed in this instance: the next reader catches up first.
    func markStale() {
        published.withLockedValue { $0.stale = true }
    }

    /// The matcher as of now: built if it never was, caught up if this instance wrote since.
    func matcher(on db: any Database) async throws -> Matcher {
        let (matcher, stale) = published.withLockedValue { ($0.matcher, $0.stale) }
        if let matcher, !stale { return matcher }
        return try await catchUp(on: db)
    }

    /// Reads the change log since the last catch-up and applies it; the first call builds.
    @discardableResult
    func catchUp(on db: any Database) async throws -> Matcher {
        published.withLockedValue { $0.stale = false }
        let matcher = try await follower.catchUp(on: db)
        published.withLockedValue { $0.matcher = matcher }
        return matcher
    }

    /// Builds the index afresh from the database.
    @discardableResult
    func rebuild(on db: any Database) async throws -> Matcher {
        published.withLockedValue { $0.stale = false }
        let matcher = try await follower.rebuild(on: db)
        published.withLockedValue { $0.matcher = matcher }
        return matcher
    }

    /// One follower per instance; the actor keeps catch-ups in order.
    private actor Follower {
        var matcher: Matcher
        var cursor = ChangeCursor()
        var built = false
        static let batch = 5_000

        init(matcher: Matcher) { self.matcher = matcher }

        func catchUp(on db: any Database) async throws -> Matcher {
            guard built else { return try await rebuild(on: db) }
            let last = cursor.last
            let holes = cursor.pendingHoles
            let changes = try await MatchingChange.query(on: db)
                .group(.or) { group in
                    group.filter(\.$id > last)
                    if !holes.isEmpty { group.filter(\.$id ~~ holes) }
                }
                .sort(\.$id).limit(Self.batch).all()
            guard changes.count < Self.batch, !changes.contains(where: { $0.entity == .everything }),
                cursor.absorb(changes.compactMap(\.id))
            else { return try await rebuild(on: db) }
            // Each record once, however many lines name it.
            var seen = Set<String>()
            var updates: [MatchingProfiles.Update] = []
            for change in changes where seen.insert("\(change.entity.rawValue):\(change.key)").inserted {
                if let update = try await MatchingProfiles.update(change.entity, key: change.key, on: db) { updates.append(update) }
            }
            for update in updates { update.apply(to: &matcher) }
            return matcher
        }

        func rebuild(on db: any Database) async throws -> Matcher {
            // The log's end is read first: anything written during the load is replayed after.
            let end = try await MatchingChange.query(on: db).max(\.$id) ?? 0
            matcher = try await MatchingProfiles.loadAll(rules: matcher.rules, weights: matcher.weights, on: db)
            cursor.reset(to: end)
            built = true
            return matcher
        }
    }
}

/// Follows the change log in the background so that instances converge within seconds even
/// when their own users change nothing, and trims lines every instance has long since read.
final class MatchingFollowerWorker: LifecycleHandler, @unchecked Sendable {
    private var task: Task<Void, Never>?
    let interval: Duration
    static let retention: TimeInterval = 24 * 3600

    init(interval: Duration = .seconds(1)) { self.interval = interval }

    func didBootAsync(_ application: Application) async throws {
        let index = application.matching
        let db = application.db
        let logger = Logger(label: "clusterxchange.matching")
        let interval = interval
        try await index.rebuild(on: db)
        task = Task {
            var lastTrim = ContinuousClock.now
            while !Task.isCancelled {
                do {
                    try await index.catchUp(on: db)
                    if ContinuousClock.now - lastTrim > .seconds(600) {
                        lastTrim = ContinuousClock.now
                        try await MatchingChange.query(on: db)
                            .filter(\.$changedAt < Date().addingTimeInterval(-Self.retention)).delete()
                    }
                } catch {
                    logger.error("matching change log: \(String(reflecting: error))")
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        task?.cancel()
        await task?.value
    }
}

struct MatchingIndexKey: StorageKey {
    typealias Value = MatchingIndex
}

extension Application {
    /// The instance's matching index, set up by `configure`.
    var matching: MatchingIndex {
        guard let index = storage[MatchingIndexKey.self] else { fatalError("configure(_:) sets up the matching index") }
        return index
    }
}

extension Request {
    var matching: MatchingIndex { application.matching }
}

extension Request {
    /// The matcher, for ranking a catalogue search; nil when there is nothing to rank.
    func searchIndex(_ filter: CatalogueFilter) async throws -> Matcher? {
        guard let q = filter.q, !Catalogue.terms(q).isEmpty else { return nil }
        return try await matching.matcher(on: db)
    }
}
