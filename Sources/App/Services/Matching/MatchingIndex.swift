import Fluent
import FluentPostgresDriver
import Matching
import NIOConcurrencyHelpers
import ProgrammeRules
import Vapor

/// The matching engine of this instance: a cache of the database, built on first use and kept
/// current by following the change log (docs/decisions/0011). Readers take a snapshot (a copy
/// that shares storage) and rank outside any lock, so suggestions run in parallel.
final class MatchingIndex: Sendable {
    /// The published matcher, whether this instance wrote since, the generation (bumped at each
    /// change) and the suggestion lists answered for that generation.
    private struct Published {
        var matcher: Matcher?
        var stale = true
        var generation = 0
        var answers: [String: Answer] = [:]
        /// Catalogue lists and searches (`CatalogueAnswer`s) for that generation, by tab and filters.
        var catalogue: [String: any Sendable] = [:]
    }

    /// A suggestion list and its JSON, encoded once: the API sends the bytes as they are.
    struct Answer: Sendable {
        let list: SuggestionListDTO
        let json: ByteBuffer
    }

    private let published = NIOLockedValueBox(Published())
    private let follower: Follower
    let rules: EligibilityRules
    /// At most this many answers are kept; past it the memory starts afresh.
    static let answerLimit = 20_000

    init(rules: EligibilityRules) {
        self.rules = rules
        self.follower = Follower(matcher: Matcher(rules: rules))
    }

    /// Something changed in this instance: the next reader catches up first.
    func markStale() {
        published.withLockedValue { $0.stale = true }
    }

    /// The matcher as of now: built if it never was, caught up if this instance wrote since.
    /// Whether the index was built once (at boot, by the matching worker): `/readyz` waits for it.
    var isBuilt: Bool { published.withLockedValue { $0.matcher != nil } }

    func matcher(on db: any Database) async throws -> Matcher {
        try await current(on: db).matcher
    }

    /// The index's state as of now (caught up if this instance wrote since): what a page that
    /// shows suggestions was read at.
    func generation(on db: any Database) async throws -> Int {
        try await current(on: db).generation
    }

    private func current(on db: any Database) async throws -> (matcher: Matcher, generation: Int) {
        let (matcher, stale, generation) = published.withLockedValue { ($0.matcher, $0.stale, $0.generation) }
        if let matcher, !stale { return (matcher, generation) }
        try await catchUp(on: db)
        return published.withLockedValue { ($0.matcher ?? Matcher(rules: rules), $0.generation) }
    }

    /// A suggestion list, worked out once per state of the index: the same request asked again
    /// before anything changes gets the same answer without ranking or encoding again.
    func answer(_ key: String, on db: any Database, build: (Matcher) -> SuggestionListDTO) async throws -> Answer {
        let (matcher, generation) = try await current(on: db)
        if let known = published.withLockedValue({ $0.generation == generation ? $0.answers[key] : nil }) { return known }
        let list = build(matcher)
        let answer = Answer(list: list, json: ByteBuffer(data: try JSONEncoder().encode(list)))
        published.withLockedValue { state in
            // Kept only if the index did not move on meanwhile.
            guard state.generation == generation else { return }
            if state.answers.count >= Self.answerLimit { state.answers.removeAll(keepingCapacity: true) }
            state.answers[key] = answer
        }
        return answer
    }

    /// A catalogue list or search, read once per state of the index. Every change to an
    /// organisation, offer or request is in the change log and moves the generation on, so an
    /// answer is never older than this instance's index: its own writes at once, another
    /// instance's within the second the catch-up takes. The answer does not depend on the caller.
    func catalogueAnswer<T: Sendable>(_ key: String, on db: any Database, build: () async throws -> T) async throws -> T {
        let (_, generation) = try await current(on: db)
        if let known = published.withLockedValue({ $0.generation == generation ? $0.catalogue[key] : nil }) as? T {
            return known
        }
        let answer = try await build()
        published.withLockedValue { state in
            guard state.generation == generation else { return }
            if state.catalogue.count >= Self.catalogueLimit { state.catalogue.removeAll(keepingCapacity: true) }
            state.catalogue[key] = answer
        }
        return answer
    }

    /// At most this many catalogue answers are kept (a page of 20 cards each, a few kB).
    static let catalogueLimit = 2_000

    /// Reads the change log since the last catch-up and applies it; the first call builds.
    @discardableResult
    func catchUp(on db: any Database) async throws -> Matcher {
        published.withLockedValue { $0.stale = false }
        let (matcher, changed) = try await follower.catchUp(on: db)
        if changed { publish(matcher) }
        return matcher
    }

    /// Builds the index afresh from the database.
    @discardableResult
    func rebuild(on db: any Database) async throws -> Matcher {
        published.withLockedValue { $0.stale = false }
        let matcher = try await follower.rebuild(on: db)
        publish(matcher)
        return matcher
    }

    private func publish(_ matcher: Matcher) {
        published.withLockedValue { state in
            state.matcher = matcher
            state.generation += 1
            state.answers.removeAll(keepingCapacity: true)
            state.catalogue.removeAll(keepingCapacity: true)
        }
    }

    /// One follower per instance; the actor keeps catch-ups in order.
    private actor Follower {
        var matcher: Matcher
        var cursor = ChangeCursor()
        var built = false
        static let batch = 5_000

        init(matcher: Matcher) { self.matcher = matcher }

        /// The matcher, and whether anything changed.
        func catchUp(on db: any Database) async throws -> (Matcher, Bool) {
            guard built else { return (try await rebuild(on: db), true) }
            let last = cursor.last
            let holes = cursor.pendingHoles
            // Asked on every suggestion page, so prepared on PostgreSQL.
            var changes = try await ChangesSince(last: last).all(on: db)
            if !holes.isEmpty { changes = (try await ChangesIn(ids: holes).all(on: db) + changes).sorted { $0.id < $1.id } }
            guard changes.count < Self.batch, !changes.contains(where: { $0.entity == .everything }),
                cursor.absorb(changes.map(\.id))
            else { return (try await rebuild(on: db), true) }
            // Each record once, however many lines name it.
            var seen = Set<String>()
            var updates: [MatchingProfiles.Update] = []
            for change in changes where seen.insert("\(change.entity.rawValue):\(change.key)").inserted {
                if let update = try await MatchingProfiles.update(change.entity, key: change.key, on: db) {
                    updates.append(update)
                }
            }
            for update in updates { update.apply(to: &matcher) }
            return (matcher, !updates.isEmpty)
        }

        struct Change: Decodable, Sendable {
            let id: Int
            let entity: MatchingChange.Entity
            let key: String
        }

        /// The log's lines after `last`, in order: one range of its index (a condition with the
        /// holes in it too would be planned as a scan of the whole log once prepared).
        struct ChangesSince: PreparedQuery {
            typealias Output = Change
            static let sql = """
                SELECT id, entity, "key" FROM \(MatchingChange.schema) WHERE id > $1 ORDER BY id LIMIT \(batch)
                """
            let last: Int
            var values: [any PostgresEncodable & Encodable & Sendable] { [last] }
        }

        /// The lines numbered by transactions not yet committed when the log was last read.
        struct ChangesIn: PreparedQuery {
            typealias Output = Change
            static let sql = """
                SELECT id, entity, "key" FROM \(MatchingChange.schema) WHERE id = ANY($1)
                """
            let ids: [Int]
            var values: [any PostgresEncodable & Encodable & Sendable] { [ids] }
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
