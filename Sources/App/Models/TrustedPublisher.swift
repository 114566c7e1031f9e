import Fluent
import Vapor

/// An organisation the support office trusts to publish without review.
final class TrustedPublisher: Model, @unchecked Sendable {
    static let schema = "trusted_publishers"

    @ID(key: .id) var id: UUID?
    @Parent(key: "organisation_id") var organisation: Organisation
    @Parent(key: "marked_by") var markedBy: User
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
