import Fluent
import Vapor

/// One person's report of a published item; a person counts once per item.
final class PublicationReport: Model, @unchecked Sendable {
    static let schema = "publication_reports"

    @ID(key: .id) var id: UUID?
    @Parent(key: "publication_id") var publication: Publication
    @Parent(key: "user_id") var user: User
    @Field(key: "reason") var reason: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
