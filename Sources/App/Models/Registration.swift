import Fluent
import Vapor

/// A person's registration of their organisation as visitor and/or host, which the chosen
/// partnership validates, rejects with a reason, or sends back for changes.
final class Registration: Model, @unchecked Sendable {
    static let schema = "registrations"

    // Identity
    @ID(key: .id) var id: UUID?

    // References
    @Parent(key: "organisation_id") var organisation: Organisation
    @Parent(key: "user_id") var user: User
    @Parent(key: "partnership_id") var partnership: Partnership
    @OptionalParent(key: "cv_file_id") var cv: StoredFile?
    @OptionalParent(key: "decided_by_id") var decidedBy: User?

    // Data
    @Field(key: "as_visitor") var asVisitor: Bool
    @Field(key: "as_host") var asHost: Bool
    @Field(key: "motivation") var motivation: String
    @Field(key: "preferences") var preferences: String
    @Field(key: "status") var status: Status
    @OptionalField(key: "reason") var reason: String?

    // Timestamps
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    enum Status: String, Codable, CaseIterable, Sendable {
        case submitted
        case validated
        case changesRequested = "changes-requested"
        case rejected
    }

    init() {}
}
