import Vapor

/// What publishing answers: where the item stands.
struct PublicationReceipt: Content, Sendable {
    let id: UUID
    /// "pending" until a moderator publishes it; "published" at once for a trusted publisher.
    let status: Publication.Status
}

/// What reporting answers.
struct ReportReceipt: Content, Sendable {
    /// How many people reported the item.
    let reports: Int
    /// Hidden until a moderator reviews it again.
    let hidden: Bool
}

/// A piece of news or an achievement.
struct NewsItem: Content, Sendable {
    let id: UUID
    let kind: Publication.Kind
    let status: Publication.Status
    let title: String
    let body: String
    let organisation: String
    let organisationName: String
    let createdAt: Date
    let publishedAt: Date?
    let reason: String?
    let url: String
    /// The exchange an achievement came from.
    var exchange: UUID? = nil
}

/// An event, its times as its organiser gave them and in UTC.
struct EventItem: Content, Sendable {
    let id: UUID
    let status: Publication.Status
    let title: String
    let description: String
    let organisation: String
    let organisationName: String
    let start: String
    let end: String
    let timeZone: String
    let place: String?
    let online: String?
    /// How many people it takes; nil for no limit.
    let places: Int?
    /// The length of its one-to-one meetings; nil for none.
    let meetingMinutes: Int?
    let startsAt: Date
    let endsAt: Date
    let createdAt: Date
    let publishedAt: Date?
    let reason: String?
    let url: String
}

/// Something waiting for a moderator.
struct ModerationItem: Content, Sendable {
    let id: UUID
    let kind: Publication.Kind
    let status: Publication.Status
    let title: String
    let organisation: String
    let organisationName: String
    let submittedAt: Date
    let waitingDays: Int
    let reports: Int
    let url: String
}
