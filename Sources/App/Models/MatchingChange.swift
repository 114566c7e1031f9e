import Fluent
import Vapor

/// One line of the matching change log: "this organisation, offer or request changed". Every app
/// instance follows the log to keep its in-memory matching index in step with the database; the
/// line carries only the key, and followers read the record itself, so replaying is harmless.
final class MatchingChange: Model, @unchecked Sendable {
    static let schema = "matching_changes"

    enum Entity: String, Codable, Sendable {
        case organisation
        case offer
        case request
        /// Many records changed at once (an import): followers rebuild from the database.
        case everything
    }

    // Identity: a database sequence, so followers can ask for "everything after n".
    @ID(custom: "id", generatedBy: .database) var id: Int?

    // Data
    @Field(key: "entity") var entity: Entity
    @Field(key: "key") var key: String

    // Timestamps
    @Timestamp(key: "changed_at", on: .create) var changedAt: Date?

    init() {}

    init(entity: Entity, key: String) {
        self.entity = entity
        self.key = key
    }
}
