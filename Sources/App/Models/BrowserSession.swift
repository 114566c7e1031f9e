import Fluent
import Vapor

/// A browser's session: the cookie holds a random token, this row holds its digest (a database
/// leak gives no usable session), who is signed in, the form token and a one-time notice. Idle
/// and absolute timeouts are enforced here on the server, whatever the cookie says
/// (docs/decisions/0016-sessions.md).
final class BrowserSession: Model, @unchecked Sendable {
    static let schema = "browser_sessions"

    // Identity
    @ID(key: .id) var id: UUID?
    @Field(key: "token_digest") var tokenDigest: String

    // References
    @OptionalParent(key: "user_id") var user: User?

    // Data
    /// The form token (CSRF) of this session.
    @Field(key: "csrf_token") var csrfToken: String
    /// A notice to show once on the next page ("Saved.").
    @OptionalField(key: "flash") var flash: String?
    /// The browser, as it said, for the person's list of sessions.
    @OptionalField(key: "user_agent") var userAgent: String?

    // Timestamps
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    /// The absolute end, set at creation.
    @Field(key: "expires_at") var expiresAt: Date

    init() {}

    init(tokenDigest: String, userID: UUID?, csrfToken: String, userAgent: String?, now: Date, lifetime: TimeInterval) {
        self.tokenDigest = tokenDigest
        self.$user.id = userID
        self.csrfToken = csrfToken
        self.userAgent = userAgent.map { String($0.prefix(200)) }
        self.createdAt = now
        self.lastSeenAt = now
        self.expiresAt = now.addingTimeInterval(lifetime)
    }
}
