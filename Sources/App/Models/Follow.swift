import Fluent
import Vapor

/// What a person follows: an organisation, a partnership, a topic, a saved catalogue search, or an
/// event they expressed interest in. Followed things feed the e-mail digest (when the person chose
/// one) and, for events, the private calendar.
final class Follow: Model, @unchecked Sendable {
    static let schema = "follows"

    enum Kind: String, Codable, Sendable, CaseIterable {
        case organisation
        case partnership
        case topic
        /// A catalogue search: `target` is "offers:laser" or "requests:robots".
        case search
        case event
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "kind") var kind: Kind
    /// The key, the folded topic, "tab:words", or the event's id.
    @Field(key: "target") var target: String
    /// What the person reads: a name, a topic, "offers matching laser".
    @Field(key: "label") var label: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A person's choice of an e-mail digest of what they follow; no row, no digest (opt-in).
final class DigestPreference: Model, @unchecked Sendable {
    static let schema = "digest_preferences"

    enum Frequency: String, Codable, Sendable, CaseIterable {
        case daily
        case weekly

        /// How long after the last digest the next is due (a little less than the period, so a
        /// daily run at midnight does not slip a day).
        var interval: TimeInterval { self == .daily ? 20 * 3600 : 6 * 86_400 + 20 * 3600 }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "frequency") var frequency: Frequency
    /// What the last digest covered up to; the next starts here.
    @Field(key: "covered_until") var coveredUntil: Date
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A digest's one-click unsubscribe link (RFC 8058), kept as a digest of its token, as every
/// e-mailed link is; the sweep forgets it after 90 days.
final class UnsubscribeLink: Model, @unchecked Sendable {
    static let schema = "unsubscribe_links"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "digest") var digest: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
