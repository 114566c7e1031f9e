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

/// An uploaded file (a CV), kept in the database so every app instance can serve it.
final class StoredFile: Model, @unchecked Sendable {
    static let schema = "stored_files"

    @ID(key: .id) var id: UUID?
    @Parent(key: "owner_id") var owner: User
    @Field(key: "filename") var filename: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "data") var data: Data
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(ownerID: UUID, filename: String, contentType: String, data: Data) {
        self.$owner.id = ownerID
        self.filename = filename
        self.contentType = contentType
        self.size = data.count
        self.data = data
    }
}

/// A message waiting to be e-mailed, or sent. Mail goes through this table so that no message is
/// lost when a server stops, and any instance may deliver it.
final class OutboxMessage: Model, @unchecked Sendable {
    static let schema = "outbox"

    @ID(key: .id) var id: UUID?
    @Field(key: "recipient") var recipient: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "last_error") var lastError: String?
    @OptionalField(key: "claimed_until") var claimedUntil: Date?
    @OptionalField(key: "sent_at") var sentAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(recipient: String, subject: String, body: String) {
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.attempts = 0
    }
}
