import Foundation
import ProgrammeRules

/// An event as a card reads: when, in the organiser's time zone (and the reader's, filled in by
/// `/js/local-time.js`), where, and by whom.
struct EventCard: Encodable, Sendable {
    let id: UUID
    let url: String
    let title: String
    let organisation: String
    let organisationName: String
    /// "Wednesday 12 May 2027, 14:00 to 17:30".
    let when: String
    let timeZone: String
    /// The start and end in UTC, ISO 8601, for the reader's own clock.
    let startsAt: String
    let endsAt: String
    let place: String?
    let online: String?
    /// "In Brussels, BE and online".
    let whereWords: String

    init(_ event: EventItem) {
        id = event.id
        url = event.url
        title = event.title
        organisation = event.organisation
        organisationName = event.organisationName
        let zone = EventTime.zone(event.timeZone) ?? .gmt
        let sameDay = event.start.prefix(10) == event.end.prefix(10)
        when =
            "\(EventTime.words(event.startsAt, in: zone)) to "
            + (sameDay ? EventTime.clock(event.endsAt, in: zone) : EventTime.words(event.endsAt, in: zone))
        timeZone = event.timeZone
        startsAt = event.startsAt.formatted(.iso8601)
        endsAt = event.endsAt.formatted(.iso8601)
        place = event.place
        online = event.online
        whereWords =
            switch (event.place, event.online) {
            case (let place?, _?): "In \(place) and online"
            case (let place?, nil): "In \(place)"
            default: "Online"
            }
    }

    /// schema.org Event markup (JSON-LD), safe inside a script element.
    static func jsonLD(_ event: EventItem, base: String) -> String {
        var location: [[String: Any]] = []
        if let place = event.place {
            let parts = place.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            location.append([
                "@type": "Place", "name": place,
                "address": [
                    "@type": "PostalAddress", "addressLocality": parts.first ?? place, "addressCountry": parts.last ?? "",
                ],
            ])
        }
        if let online = event.online { location.append(["@type": "VirtualLocation", "url": online]) }
        let mode =
            event.place != nil && event.online != nil
            ? "MixedEventAttendanceMode" : event.place != nil ? "OfflineEventAttendanceMode" : "OnlineEventAttendanceMode"
        let zone = EventTime.zone(event.timeZone) ?? .gmt
        let object: [String: Any] = [
            "@context": "https://schema.org", "@type": "Event", "name": event.title, "description": event.description,
            "startDate": Self.localISO(event.startsAt, zone), "endDate": Self.localISO(event.endsAt, zone),
            "eventAttendanceMode": "https://schema.org/\(mode)", "eventStatus": "https://schema.org/EventScheduled",
            "location": location.count == 1 ? location[0] : location,
            "organizer": [
                "@type": "Organization", "name": event.organisationName, "url": "\(base)/organisations/\(event.organisation)",
            ],
            "url": base + event.url,
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
            let text = String(data: data, encoding: .utf8)
        else { return "{}" }
        // "</script>" inside a value must not end the element.
        return text.replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }

    /// "2027-05-12T14:00:00+02:00": the local time with its offset, as schema.org asks.
    static func localISO(_ date: Date, _ zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ssxxxxx"
        return formatter.string(from: date)
    }
}

/// The events list: what is coming.
struct EventList: Encodable {
    let events: [EventCard]
    /// This month, for the month view's link ("2027-05").
    let month: String
    let signedIn: Bool
}

/// A month of events as a calendar grid, Monday first; each event on its own local day.
struct EventMonth: Encodable {
    struct Day: Encodable {
        let number: Int?
        let label: String
        let events: [EventCard]
    }

    let title: String
    let previous: String
    let next: String
    let weeks: [[Day]]
    let count: Int

    static func of(_ text: String, context: ServiceContext) async throws -> EventMonth? {
        let parts = text.split(separator: "-")
        guard text.utf8.count == 7, parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
            (2000...2100).contains(year), (1...12).contains(month), let first = CalendarDate(year: year, month: month, day: 1)
        else { return nil }
        let following =
            month == 12 ? CalendarDate(year: year + 1, month: 1, day: 1) : CalendarDate(year: year, month: month + 1, day: 1)
        guard let following else { return nil }
        let last = following.adding(days: -1)
        // A day either side in UTC covers every time zone; each event is placed on its local day.
        let from = Date(timeIntervalSince1970: Double(first.dayNumber - 1) * 86_400)
        let before = Date(timeIntervalSince1970: Double(following.dayNumber + 1) * 86_400)
        let events = try await context.publications.publishedEvents(from: from, before: before, limit: 1_000)
        var byDay: [String: [EventCard]] = [:]
        for event in events {
            let zone = EventTime.zone(event.timeZone) ?? .gmt
            var day = CalendarDate.today(in: zone, now: event.startsAt)
            if day < first { day = first }  // began the month before: shown on the first
            var end = CalendarDate.today(in: zone, now: event.endsAt)
            if end > last { end = last }
            while day <= end {
                byDay[day.description, default: []].append(EventCard(event))
                day = day.adding(days: 1)
            }
        }
        let lead = Weekday.allCases.firstIndex(of: first.weekday) ?? 0
        var cells: [Day] = Array(repeating: Day(number: nil, label: "", events: []), count: lead)
        var day = first
        while day <= last {
            cells.append(Day(number: day.day, label: day.words, events: byDay[day.description] ?? []))
            day = day.adding(days: 1)
        }
        while cells.count % 7 != 0 { cells.append(Day(number: nil, label: "", events: [])) }
        let weeks = stride(from: 0, to: cells.count, by: 7).map { Array(cells[$0..<($0 + 7)]) }
        let previous = first.adding(days: -1)
        return EventMonth(
            title: "\(CalendarDate.monthNames[month - 1]) \(year)",
            previous: String(format: "%04d-%02d", previous.year, previous.month),
            next: String(format: "%04d-%02d", following.year, following.month), weeks: weeks,
            count: Set(events.map(\.id)).count)
    }
}
