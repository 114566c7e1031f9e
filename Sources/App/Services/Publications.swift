import Fluent
import Foundation
import ProgrammeRules
import Vapor

/// News, achievements and events: members submit them for their organisation; a moderator (a
/// coordinator of the organisation's partnership, or the support office) publishes or rejects
/// them, unless the organisation is a trusted publisher; three reports hide a published item until
/// it is reviewed (`Publications+Moderation.swift`; decision 0025).
struct Publications {
    let context: ServiceContext

    var db: any Database { context.db }

    static let maximumBodyBytes = 20_000
    static let maximumTitleBytes = 200
    /// The most places an event may say it has.
    static let maximumPlaces = 10_000
    /// Reports by this many people hide an item until a moderator reviews it.
    static let reportsToHide = 3
    /// Published items after which the support office is invited to trust an organisation.
    static let trustSuggestedAfter = 3

    /// Which endpoints an item answers on: news and achievements on `/news`, events on `/events`.
    enum Family: Sendable {
        case news
        case events

        var kinds: [Publication.Kind] { self == .news ? [.news, .achievement] : [.event] }
        var noun: String { self == .news ? "news item" : "event" }
        func path(_ id: UUID) -> String { self == .news ? "/news/\(id)" : "/events/\(id)" }
    }

    // MARK: Submitting

    func submitNews(_ input: NewsInput) async throws -> PublicationReceipt {
        var c = InputChecker()
        let key = c.text(input.organisation, "organisation", required: true, max: 100)
        let title = c.text(input.title, "title", required: true, max: Self.maximumTitleBytes)
        let body = c.text(input.body, "body", required: true, max: Self.maximumBodyBytes)
        let kindText = c.text(input.kind, "kind", required: true, max: 20)
        let kind = Publication.Kind(rawValue: kindText).flatMap { $0 == .event ? nil : $0 }
        if kind == nil && !kindText.isEmpty {
            c.fail("kind", "one-of", "choose news or achievement (an event is published as an event)")
        }
        let exchangeText = c.text(input.exchange, "exchange", required: false, max: 40)
        let exchangeID = UUID(uuidString: exchangeText)
        if !exchangeText.isEmpty && (exchangeID == nil || kind != .achievement) {
            c.fail("exchange", "achievement-exchange", "name the exchange an achievement came from by its id")
        }
        if !c.problems.isEmpty { throw AppError.invalid(c.problems) }
        let publication = Publication()
        publication.kind = kind ?? .news
        publication.title = title
        publication.body = body
        if let exchangeID {
            // One of the organisation's own exchanges, paid or under way: the story of a real stay.
            let organisation = try await context.organisations.own(key)
            let organisationID = try organisation.requireID()
            guard let exchange = try await Exchange.find(exchangeID, on: db),
                exchange.$visitor.id == organisationID || exchange.$host.id == organisationID,
                ExchangeChecks.funded.contains(exchange.phase)
            else {
                throw AppError.invalid("exchange", "own-exchange", "choose one of \(organisation.name)'s funded exchanges")
            }
            publication.$exchange.id = exchangeID
        }
        return try await submit(publication, organisationKey: key)
    }

    func submitEvent(_ input: EventInput) async throws -> PublicationReceipt {
        var c = InputChecker()
        let key = c.text(input.organisation, "organisation", required: true, max: 100)
        let title = c.text(input.title, "title", required: true, max: Self.maximumTitleBytes)
        let description = c.text(input.description, "description", required: true, max: Self.maximumBodyBytes)
        let zoneName = c.text(input.timeZone, "timeZone", required: true, max: 64)
        let zone = EventTime.zone(zoneName)
        if zone == nil && !zoneName.isEmpty {
            c.fail("timeZone", "time-zone", "name the time zone as Region/City, e.g. Europe/Brussels or Asia/Tokyo")
        }
        let startText = c.text(input.start, "start", required: true, max: 16)
        let endText = c.text(input.end, "end", required: true, max: 16)
        var start: EventTime?
        var end: EventTime?
        if let zone {
            start = EventTime(startText, zone: zone)
            end = EventTime(endText, zone: zone)
            if start == nil && !startText.isEmpty {
                c.fail("start", "local-time", "give the day and time as YYYY-MM-DDTHH:MM, e.g. 2027-05-12T14:00")
            }
            if end == nil && !endText.isEmpty {
                c.fail("end", "local-time", "give the day and time as YYYY-MM-DDTHH:MM, e.g. 2027-05-12T17:30")
            }
            if let start, let end, end.instant <= start.instant { c.fail("end", "after-start", "must be after the start") }
            if let end, end.instant.timeIntervalSince(start?.instant ?? end.instant) > 31 * 86_400 {
                c.fail("end", "at-most-a-month", "an event lasts at most 31 days")
            }
        }
        let place = c.text(input.place, "place", required: false, max: 200)
        let online = c.text(input.online, "online", required: false, max: 500)
        if !place.isEmpty && Self.placeProblem(place) != nil { c.fail("place", "city-country", Self.placeProblem(place) ?? "") }
        if !online.isEmpty && !Self.isWebLink(online) {
            c.fail("online", "http-link", "give the link people join by, starting with https://")
        }
        if place.isEmpty && online.isEmpty {
            c.fail("place", "place-or-online", "say where it happens (\"City, CC\"), give its online link, or both")
        }
        if let places = input.places { _ = c.number(places, "places", in: 1...Self.maximumPlaces) }
        if let minutes = input.meetingMinutes, !MeetingSlots.lengths.contains(minutes) {
            c.fail(
                "meetingMinutes", "meeting-length",
                "must be one of \(MeetingSlots.lengths.map(String.init).joined(separator: ", ")) minutes")
        }
        if !c.problems.isEmpty { throw AppError.invalid(c.problems) }
        let publication = Publication()
        publication.kind = .event
        publication.title = title
        publication.body = description
        publication.localStart = start?.local
        publication.localEnd = end?.local
        publication.timeZone = zoneName
        publication.startsAt = start?.instant
        publication.endsAt = end?.instant
        publication.place = place.isEmpty ? nil : place
        publication.online = online.isEmpty ? nil : online
        publication.places = input.places
        publication.meetingMinutes = input.meetingMinutes
        return try await submit(publication, organisationKey: key)
    }

    /// "Brussels, BE": a place and a country code.
    static func placeProblem(_ text: String) -> String? {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count >= 2, !parts[0].isEmpty, let last = parts.last, last.utf8.count == 2, CountryCode(last) != nil,
            last == last.uppercased()
        else { return "write the city and its two-letter country code, e.g. \"Brussels, BE\"" }
        return nil
    }

    static func isWebLink(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let host = url.host, !host.isEmpty
        else { return false }
        return !text.contains(where: \.isWhitespace)
    }

    private func submit(_ publication: Publication, organisationKey key: String) async throws -> PublicationReceipt {
        let caller = try context.signedIn()
        let organisation = try await context.organisations.own(key)
        guard organisation.validationStatus == .validated else {
            throw AppError.invalid(
                "organisation", "validated",
                "\(organisation.name) publishes once its partnership has validated it")
        }
        // Each item waiting for review is mailed to the moderators.
        try await context.rateLimiter.spend(.submissionPerPerson, for: caller.id.uuidString)
        let trusted = try await TrustedPublisher.query(on: db).filter(\.$organisation.$id == organisation.requireID()).first()
        publication.$organisation.id = try organisation.requireID()
        publication.$author.id = caller.id
        publication.status = trusted != nil ? .published : .pending
        publication.publishedAt = trusted != nil ? context.clock.now : nil
        publication.reports = 0
        try await db.transaction { tx in
            try await publication.create(on: tx)
            guard trusted == nil else { return }
            let notifier = Notifier(db: tx, linkBase: context.linkBase)
            var moderators = try await notifier.coordinators(of: [organisation.$partnership.id].compactMap { $0 })
            if moderators.isEmpty { moderators = try await notifier.supportOffice() }
            try await notifier.tell(
                moderators, subject: "To review: \(publication.title)",
                text: "\(organisation.name) asks to publish \(publication.kind.words.lowercased()) \"\(publication.title)\".",
                link: "/moderation")
        }
        return PublicationReceipt(id: try publication.requireID(), status: publication.status)
    }

    // MARK: Reading

    /// One item as the caller may see it: published, or theirs, or waiting for them.
    func find(_ id: UUID, _ family: Family) async throws -> Publication {
        guard
            let item = try await Publication.query(on: db).filter(\.$id == id).filter(\.$kind ~~ family.kinds)
                .with(\.$organisation).first()
        else { throw AppError.notFound("There is no \(family.noun) here.") }
        if item.status == .published { return item }
        if try await context.permissions.isMember(of: item.$organisation.id) { return item }
        if try await context.permissions.coordinates(item.organisation.$partnership.id) { return item }
        throw AppError.notFound("There is no \(family.noun) here.")
    }

    func news(_ id: UUID) async throws -> NewsItem { Self.news(try await find(id, .news)) }

    func event(_ id: UUID) async throws -> EventItem { try Self.event(try await find(id, .events)) }

    /// Published news and achievements, newest first; of one organisation when given.
    func publishedNews(organisation: UUID? = nil, limit: Int = 100) async throws -> [NewsItem] {
        let query = Publication.query(on: db).filter(\.$status == .published).filter(\.$kind ~~ Family.news.kinds)
        if let organisation { query.filter(\.$organisation.$id == organisation) }
        return try await query.with(\.$organisation).sort(\.$publishedAt, .descending).sort(\.$id).limit(limit).all()
            .map { Self.news($0) }
    }

    /// Published events by their start; of one organisation, or from a moment, when given.
    func publishedEvents(organisation: UUID? = nil, from: Date? = nil, before: Date? = nil, limit: Int = 200)
        async throws -> [EventItem]
    {
        let query = Publication.query(on: db).filter(\.$status == .published).filter(\.$kind == .event)
        if let organisation { query.filter(\.$organisation.$id == organisation) }
        if let from { query.filter(\.$endsAt >= from) }
        if let before { query.filter(\.$startsAt < before) }
        return try await query.with(\.$organisation).sort(\.$startsAt).sort(\.$id).limit(limit).all().map { try Self.event($0) }
    }

    /// "Lyon Photonics Cluster's stay at Munich Laser Centre, 1–5 March 2027": where an achievement came from.
    func exchangeWords(_ id: UUID?) async throws -> String? {
        guard let id, let exchange = try await Exchange.query(on: db).filter(\.$id == id).with(\.$visitor).with(\.$host).first()
        else { return nil }
        return "\(exchange.visitor.name)'s stay at \(exchange.host.name), \(CalendarDate.span(exchange.start, exchange.end))"
    }

    /// The funded exchanges of the caller's organisations, for an achievement's "it came from".
    func ownFundedExchanges() async throws -> [Choice] {
        let organisations = Array(try await context.exchangeScope().organisations)
        guard !organisations.isEmpty else { return [] }
        return try await Exchange.query(on: db).filter(\.$phase ~~ ExchangeChecks.funded)
            .group(.or) { $0.filter(\.$visitor.$id ~~ organisations).filter(\.$host.$id ~~ organisations) }
            .with(\.$visitor).with(\.$host).sort(\.$start, .descending).limit(50).all().compactMap { exchange in
                guard let id = exchange.id else { return nil }
                return Choice(
                    value: id.uuidString,
                    label:
                        "\(exchange.visitor.name) at \(exchange.host.name), \(CalendarDate.span(exchange.start, exchange.end))",
                    selected: false)
            }
    }

    /// An organisation's published items, for its page, in one query: the latest news and
    /// achievements, and its events still to come.
    /// The organisation is named by the caller, who has just read it: one query, not two.
    func ofOrganisation(_ key: String, name: String) async throws -> (news: [NewsItem], events: [EventItem]) {
        let items = try await Publication.query(on: db).join(
            Organisation.self, on: \Publication.$organisation.$id == \Organisation.$id
        )
        .filter(Organisation.self, \.$key == key).filter(\.$status == .published)
        .sort(\.$publishedAt, .descending).limit(50).all()
        let now = context.clock.now
        let owner = (key: key, name: name)
        return (
            items.filter { $0.kind != .event }.prefix(5).map { Self.news($0, owner: owner) },
            try items.filter { $0.kind == .event && ($0.endsAt ?? now) >= now }.sorted {
                ($0.startsAt ?? now) < ($1.startsAt ?? now)
            }
            .prefix(5).map { try Self.event($0, owner: owner) }
        )
    }

    /// The item as a list shows it; `owner` names its organisation when it was not loaded with it.
    static func news(_ item: Publication, owner: (key: String, name: String)? = nil) -> NewsItem {
        let id = item.id ?? UUID()
        let owner = owner ?? (item.organisation.key, item.organisation.name)
        var news = NewsItem(
            id: id, kind: item.kind, status: item.status, title: item.title, body: item.body,
            organisation: owner.key, organisationName: owner.name,
            createdAt: item.createdAt ?? Date(timeIntervalSince1970: 0), publishedAt: item.publishedAt, reason: item.reason,
            url: Family.news.path(id))
        news.exchange = item.$exchange.id
        return news
    }

    static func event(_ item: Publication, owner: (key: String, name: String)? = nil) throws -> EventItem {
        let id = try item.requireID()
        let owner = owner ?? (item.organisation.key, item.organisation.name)
        guard let start = item.localStart, let end = item.localEnd, let zone = item.timeZone, let startsAt = item.startsAt,
            let endsAt = item.endsAt
        else { throw AppError.notFound("This event has no time.") }
        return EventItem(
            id: id, status: item.status, title: item.title, description: item.body, organisation: owner.key,
            organisationName: owner.name, start: start, end: end, timeZone: zone, place: item.place,
            online: item.online, places: item.places, meetingMinutes: item.meetingMinutes, startsAt: startsAt, endsAt: endsAt,
            createdAt: item.createdAt ?? Date(timeIntervalSince1970: 0),
            publishedAt: item.publishedAt, reason: item.reason, url: Family.events.path(id))
    }
}

extension ServiceContext {
    var publications: Publications { Publications(context: self) }
}
