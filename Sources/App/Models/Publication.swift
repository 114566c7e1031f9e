import Fluent
import Vapor

/// News, an achievement or an event that a member publishes for their organisation. Nothing is
/// public until a coordinator of the organisation's partnership or the support office publishes
/// it, unless the organisation is a trusted publisher (`TrustedPublisher`). Three reports hide a
/// published item until it is reviewed again (decision 0025).
final class Publication: Model, @unchecked Sendable {
    static let schema = "publications"

    enum Kind: String, Codable, Sendable, CaseIterable {
        case news
        case achievement
        case event

        var words: String {
            switch self {
            case .news: "News"
            case .achievement: "Achievement"
            case .event: "Event"
            }
        }
    }

    enum Status: String, Codable, Sendable {
        case pending
        case published
        case rejected
        /// Reported by enough people: out of sight until a moderator looks again.
        case hidden

        var words: String {
            switch self {
            case .pending: "waiting for review"
            case .published: "published"
            case .rejected: "not published"
            case .hidden: "hidden after reports, waiting for review"
            }
        }
    }

    // Identity
    @ID(key: .id) var id: UUID?
    @Parent(key: "organisation_id") var organisation: Organisation
    @Parent(key: "author_id") var author: User

    // Data
    @Field(key: "kind") var kind: Kind
    @Field(key: "title") var title: String
    /// The article, or the event's description.
    @Field(key: "body") var body: String
    /// The exchange an achievement came from.
    @OptionalParent(key: "exchange_id") var exchange: Exchange?

    // An event's time, as its organiser gave it (local, "YYYY-MM-DDTHH:MM", in `timeZone`) and in UTC.
    @OptionalField(key: "local_start") var localStart: String?
    @OptionalField(key: "local_end") var localEnd: String?
    @OptionalField(key: "time_zone") var timeZone: String?
    @OptionalField(key: "starts_at") var startsAt: Date?
    @OptionalField(key: "ends_at") var endsAt: Date?
    /// "City, CC" for an event in person.
    @OptionalField(key: "place") var place: String?
    /// The link of an event online.
    @OptionalField(key: "online") var online: String?
    /// How many people an event takes; nil for no limit. Those who come later join a waiting list.
    @OptionalField(key: "places") var places: Int?
    /// The length of the one-to-one meetings participants may book with each other; nil for none.
    @OptionalField(key: "meeting_minutes") var meetingMinutes: Int?

    // Moderation
    @Field(key: "status") var status: Status
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "reviewed_by") var reviewedBy: UUID?
    @OptionalField(key: "published_at") var publishedAt: Date?
    @Field(key: "reports") var reports: Int

    // Timestamps
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
