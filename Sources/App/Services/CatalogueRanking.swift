import Fluent
import Matching

/// Catalogue search ranked by relevance: the database decides which records match (every word of
/// the query, accent-blind, plus the filters), the matching engine's BM25 index decides their
/// order, best first, then the key.
enum CatalogueRanking {
    /// One page of the matching keys in relevance order, and how many match in all.
    static func page<M: Model>(
        _ query: QueryBuilder<M>, key: KeyPath<M, FieldProperty<M, String>>, q: String, index: InvertedIndex, page: Int, per: Int
    ) async throws -> (keys: [String], total: Int) {
        let keys = try await query.all(key)
        let ranked = keys.map { ($0, index.score(q, key: $0)) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        let start = min(ranked.count, (page - 1) * per)
        return (ranked[start..<min(ranked.count, start + per)].map(\.0), ranked.count)
    }

    /// Rows loaded by key, put back in the ranking's order.
    static func ordered<M>(_ rows: [M], keys: [String], key: (M) -> String) -> [M] {
        let position = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        return rows.sorted { (position[key($0)] ?? .max) < (position[key($1)] ?? .max) }
    }
}
