import Fluent
import Vapor

/// A form sent once: the digest of the form's one-time token with the method and path it was sent
/// to, and where the first submission led. A second submission of the same form (a double click,
/// the back button) is sent there instead of acting twice (`SubmitOnceGuard`).
final class FormSubmission: Model, @unchecked Sendable {
    static let schema = "form_submissions"

    @ID(key: .id) var id: UUID?
    @Field(key: "digest") var digest: String
    @Field(key: "user_id") var userID: UUID
    /// Where the first submission's answer led; nil while it runs.
    @OptionalField(key: "location") var location: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(digest: String, userID: UUID, createdAt: Date) {
        self.digest = digest
        self.userID = userID
        self.createdAt = createdAt
    }
}
