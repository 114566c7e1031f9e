import Fluent
import ProgrammeRules

/// Keys made from names ("Lyon Photonics Cluster" -> "lyon-photonics-cluster"), with a suffix
/// when taken. Two people may pick the same free key at once; the database's unique index lets
/// one win and the other tries the next suffix, so neither sees a 500.
enum UniqueKeys {
    static func slug(_ text: String, prefix: String? = nil, words: Int, fallback: String) -> String {
        let slug = NameFolding.fold(text).split(separator: " ").prefix(words).joined(separator: "-")
        let base = slug.isEmpty ? fallback : String(slug.prefix(60))
        return prefix.map { "\($0)-\(base)" } ?? base
    }

    /// Runs `insert` with the first free key after `base`, retrying when another insert took it
    /// between the look-up and the write.
    static func insert<M: Model>(
        base: String, _ keyField: KeyPath<M, FieldProperty<M, String>>, on db: any Database,
        _ insert: @escaping @Sendable (String, any Database) async throws -> Void
    ) async throws {
        var suffix = 1
        for _ in 0..<20 {
            var candidate = suffix == 1 ? base : "\(base)-\(suffix)"
            while try await M.query(on: db).filter(keyField == candidate).first() != nil {
                suffix += 1
                candidate = "\(base)-\(suffix)"
            }
            let key = candidate
            do {
                try await db.transaction { tx in try await insert(key, tx) }
                return
            } catch let error as any DatabaseError where error.isConstraintFailure {
                suffix += 1
            }
        }
        throw AppError.conflict("name", "key-taken", "too many records have this name at once; try again")
    }
}
