import Vapor

/// News or an achievement to publish for one of the caller's organisations.
struct NewsInput: Content, Sendable {
    var organisation: String?
    var title: String?
    var body: String?
    /// "news" or "achievement".
    var kind: String?
    /// For an achievement: the id of the exchange it came from, one of the organisation's.
    var exchange: String?
}

/// An event to publish: in person at a place, online, or both; its times local to `timeZone`.
struct EventInput: Content, Sendable {
    var organisation: String?
    var title: String?
    var description: String?
    /// "YYYY-MM-DDTHH:MM", local to `timeZone`.
    var start: String?
    var end: String?
    /// "Europe/Brussels".
    var timeZone: String?
    /// "City, CC".
    var place: String?
    /// An http(s) link.
    var online: String?
    /// How many people it takes (1 to 10,000); none for no limit.
    var places: Int?
    /// The length of the one-to-one meetings participants may book with each other (15, 20, 30
    /// or 45 minutes); none for no meetings.
    var meetingMinutes: Int?
}

/// Why a moderator does not publish something; the author reads it.
struct RejectInput: Content, Sendable {
    var reason: String?
}

/// Why someone reports a published item.
struct PublicationReportInput: Content, Sendable {
    var reason: String?
}
