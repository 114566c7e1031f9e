import Fluent
import Foundation
import ProgrammeRules
import Vapor

/// The e-mail digest: what is new in what a person follows since their last one. Every digest
/// carries `List-Unsubscribe` and `List-Unsubscribe-Post` (one click, RFC 8058); unsubscribing
/// takes a POST, never a GET.
extension Following {
    /// One line of a digest.
    struct Line: Hashable, Sendable {
        let text: String
        let path: String
    }

    /// Sends every digest that is due and has something to say; returns how many were sent.
    static func sendDigests(_ context: ServiceContext) async throws -> Int {
        let db = context.db
        let now = context.clock.now
        var sent = 0
        for preference in try await DigestPreference.query(on: db).with(\.$user).all()
        where now.timeIntervalSince(preference.coveredUntil) >= preference.frequency.interval {
            let since = preference.coveredUntil
            let sections = try await Following(context: context).news(for: preference.$user.id, since: since, until: now)
            preference.coveredUntil = now
            try await db.transaction { tx in
                try await preference.save(on: tx)
                guard !sections.isEmpty else { return }
                let token = SecretToken.generate()
                let link = UnsubscribeLink()
                link.$user.id = preference.$user.id
                link.digest = SecretToken.digest(token)
                try await link.create(on: tx)
                let unsubscribe = "\(context.linkBase)/unsubscribe/\(token)"
                try await Mailer.enqueue(
                    to: preference.user.email,
                    subject: "What is new in what you follow (\(preference.frequency.rawValue) digest)",
                    body: digestText(
                        name: preference.user.name, sections: sections, since: since, frequency: preference.frequency,
                        base: context.linkBase, unsubscribe: unsubscribe),
                    headers: ["List-Unsubscribe: <\(unsubscribe)>", "List-Unsubscribe-Post: List-Unsubscribe=One-Click"],
                    on: tx)
            }
            if !sections.isEmpty { sent += 1 }
        }
        return sent
    }

    static func digestText(
        name: String, sections: [(title: String, lines: [Line])], since: Date, frequency: DigestPreference.Frequency,
        base: String, unsubscribe: String
    ) -> String {
        var text = "Hello \(name),\n\nWhat is new since \(PublicationText.day(since)) in what you follow:\n"
        for section in sections {
            text += "\n\(section.title)\n"
            for line in section.lines { text += "- \(line.text)\n  \(base)\(line.path)\n" }
        }
        text += "\nYou receive this \(frequency.rawValue) digest because you chose it. Change what you follow or how often: "
        text += "\(base)/following\nStop the digest with one click: \(unsubscribe)\n"
        return text
    }

    /// What is new in each of the person's follows, a section each; empty sections left out.
    func news(for user: UUID, since: Date, until: Date) async throws -> [(title: String, lines: [Line])] {
        var sections: [(title: String, lines: [Line])] = []
        var told = Set<Line>()
        for follow in try await Follow.query(on: db).filter(\.$user.$id == user).sort(\.$label).all() {
            let lines = try await lines(follow, since: since, until: until).filter { told.insert($0).inserted }
            if !lines.isEmpty { sections.append((follow.label, Array(lines.prefix(20)))) }
        }
        return sections
    }

    private func lines(_ follow: Follow, since: Date, until: Date) async throws -> [Line] {
        switch follow.kind {
        case .organisation:
            guard let organisation = try await Organisation.query(on: db).filter(\.$key == follow.target).first(),
                let id = organisation.id
            else { return [] }
            return try await published([id], since: since, until: until) + listings([id], since: since, until: until)
        case .partnership:
            guard let partnership = try await Partnership.query(on: db).filter(\.$key == follow.target).first(),
                let id = partnership.id
            else { return [] }
            let members = try await Organisation.query(on: db).filter(\.$partnership.$id == id)
                .filter(\.$validationStatus == .validated).all().compactMap(\.id)
            return try await published(members, since: since, until: until)
                + completed(id, page: "/partnerships/\(partnership.key)", since: since, until: until)
        case .topic:
            return try await matching([[[follow.target]]], tabs: ["offers", "requests"], since: since, until: until)
        case .search:
            let parts = follow.target.split(separator: ":", maxSplits: 1).map(String.init)
            let tab = parts.first == "requests" ? "requests" : "offers"
            // As the catalogue searches: stems ("lasers" finds "laser"), then one typo forgiven.
            let index =
                tab == "requests"
                ? try await context.catalogue.index(for: VisitRequest.self) : try await context.catalogue.index(for: Offer.self)
            let search = CatalogueSearch(parts.last ?? "", index: index)
            guard !search.isEmpty else { return [] }
            let attempts = [search.patterns] + (search.corrected.map { [$0.patterns] } ?? [])
            return try await matching(attempts, tabs: [tab], since: since, until: until)
        case .event:
            return []
        }
    }

    /// News, achievements and events the organisations published in the period.
    private func published(_ organisations: [UUID], since: Date, until: Date) async throws -> [Line] {
        guard !organisations.isEmpty else { return [] }
        return try await Publication.query(on: db).filter(\.$organisation.$id ~~ organisations).filter(\.$status == .published)
            .filter(\.$publishedAt >= since).filter(\.$publishedAt < until).with(\.$organisation).sort(\.$publishedAt)
            .limit(50).all().compactMap { item in
                guard let id = item.id else { return nil }
                return Line(
                    text: "\(item.kind.words): \(item.title) (\(item.organisation.name))",
                    path: item.kind == .event ? "/events/\(id)" : "/news/\(id)")
            }
    }

    /// Offers and requests the organisations published in the period.
    private func listings(_ organisations: [UUID], since: Date, until: Date) async throws -> [Line] {
        let offers = try await Offer.query(on: db).filter(\.$host.$id ~~ organisations).filter(\.$createdAt >= since)
            .filter(\.$createdAt < until).limit(50).all().map { Line(text: "New offer: \($0.title)", path: "/offers/\($0.key)") }
        let requests = try await VisitRequest.query(on: db).filter(\.$visitor.$id ~~ organisations)
            .filter(\.$createdAt >= since).filter(\.$createdAt < until).limit(50).all()
            .map { Line(text: "New request: \($0.title)", path: "/requests/\($0.key)") }
        return offers + requests
    }

    /// Offers or requests of validated organisations published in the period whose text holds every
    /// word of the first attempt that finds any (the search as typed, then corrected).
    private func matching(_ attempts: [[[String]]], tabs: [String], since: Date, until: Date) async throws -> [Line] {
        for groups in attempts {
            let lines = try await matching(groups, tabs: tabs, since: since, until: until)
            if !lines.isEmpty { return lines }
        }
        return []
    }

    /// New offers or requests holding every group (one of its patterns each), as the catalogue searches.
    private func matching(_ groups: [[String]], tabs: [String], since: Date, until: Date) async throws -> [Line] {
        var lines: [Line] = []
        if tabs.contains("offers") {
            let query = Offer.query(on: db).join(Organisation.self, on: \Offer.$host.$id == \Organisation.$id)
                .filter(Organisation.self, \.$validationStatus == .validated).filter(\.$createdAt >= since)
                .filter(\.$createdAt < until)
            for group in groups where !group.isEmpty { query.filter(\.$searchText, holdsAny: group) }
            lines += try await query.limit(50).all().map { Line(text: "New offer: \($0.title)", path: "/offers/\($0.key)") }
        }
        if tabs.contains("requests") {
            let query = VisitRequest.query(on: db).join(Organisation.self, on: \VisitRequest.$visitor.$id == \Organisation.$id)
                .filter(Organisation.self, \.$validationStatus == .validated).filter(\.$createdAt >= since)
                .filter(\.$createdAt < until)
            for group in groups where !group.isEmpty { query.filter(\.$searchText, holdsAny: group) }
            lines += try await query.limit(50).all().map { Line(text: "New request: \($0.title)", path: "/requests/\($0.key)") }
        }
        return lines
    }

    /// Exchanges of the partnership paid in the period: completed. An exchange is named only when
    /// both organisations agreed to be named; the others are counted together, and, as on the open
    /// statistics (decision 0026), fewer than three are not mentioned, so nobody is named by elimination.
    private func completed(_ partnership: UUID, page: String, since: Date, until: Date) async throws -> [Line] {
        let first = CalendarDate.today(in: PlatformClock.programmeTimeZone, now: since)
        let last = CalendarDate.today(in: PlatformClock.programmeTimeZone, now: until)
        let paid = try await Exchange.query(on: db).filter(\.$phase == .paid)
            .group(.or) { $0.filter(\.$visitorPartnership.$id == partnership).filter(\.$hostPartnership.$id == partnership) }
            .filter(\.$paidOn >= first).filter(\.$paidOn < last).with(\.$visitor).with(\.$host).limit(200).all()
        let named = paid.filter { $0.visitor.namedInNews && $0.host.namedInNews }
        var lines = named.prefix(50).map { Line(text: "Exchange completed: \($0.visitor.name) at \($0.host.name)", path: page) }
        let unnamed = paid.count - named.count
        if unnamed >= Statistics.smallestGroup {
            lines.append(Line(text: "\(unnamed) \(named.isEmpty ? "" : "more ")exchanges completed", path: page))
        }
        return lines
    }
}
