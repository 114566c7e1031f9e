import Fluent
import Vapor

/// A message waiting to be e-mailed, or sent. Mail goes through this table so that no message is
/// lost when a server stops, and any instance may deliver it. A message that carries a secret
/// link (a password reset, an account confirmation) holds `{link}` in its body and names its
/// `EmailLink`: the token is made at delivery and only its digest is kept. Bodies are emptied once
/// sent (docs/decisions/0007-mail-outbox.md).
final class OutboxMessage: Model, @unchecked Sendable {
    static let schema = "outbox"

    // Identity
    @ID(key: .id) var id: UUID?

    // References
    @OptionalParent(key: "link_id") var link: EmailLink?

    // Data
    @Field(key: "recipient") var recipient: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    /// Extra headers (`List-Unsubscribe`), one "Name: value" a line.
    @OptionalField(key: "headers") var extraHeaders: String?
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "last_error") var lastError: String?
    @OptionalField(key: "claimed_until") var claimedUntil: Date?
    @OptionalField(key: "sent_at") var sentAt: Date?
    /// How it left: `smtp` (delivered to the mail server), `log` (no mail server; kept to read).
    @OptionalField(key: "delivered_by") var deliveredBy: String?
    /// The text as delivered, links and all, kept only when nothing really left (`LogTransport`).
    @OptionalField(key: "readable_copy") var readableCopy: String?

    // Timestamps
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    /// Where the link's token goes in a body.
    static let linkPlaceholder = "{link}"

    init() {}

    init(recipient: String, subject: String, body: String, linkID: UUID? = nil) {
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.$link.id = linkID
        self.attempts = 0
    }
}
