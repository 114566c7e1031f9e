import Fluent
import Foundation
import Vapor

/// Following organisations, partnerships, topics, catalogue searches and events, and the e-mail
/// digest of what is new in them (opt-in; `Following+Digest.swift`).
struct Following {
    let context: ServiceContext

    var db: any Database { context.db }

    /// What one person may follow at most.
    static let maximumFollows = 200

    struct Item: Content, Sendable {
        let id: UUID
        let kind: Follow.Kind
        /// As stored: a key, an event's id, a folded topic, or "offers:words".
        let target: String
        let label: String
        /// Where the followed thing lives.
        let link: String

        init(_ follow: Follow, id: UUID) {
            self.id = id
            kind = follow.kind
            target = follow.target
            label = follow.label
            link = Following.link(follow.kind, follow.target)
        }
    }

    /// What following did: the follow, whether it is new, and what to tell the person.
    struct Followed: Sendable {
        let item: Item
        let created: Bool
        let message: String
    }

    /// Follows something; following it again changes nothing.
    func follow(_ kindText: String?, _ targetText: String?) async throws -> Followed {
        let caller = try context.signedIn()
        var c = InputChecker()
        let kindName = c.text(kindText, "kind", required: true, max: 20)
        let raw = c.text(targetText, "target", required: true, max: 200)
        guard let kind = Follow.Kind(rawValue: kindName) else {
            c.fail("kind", "one-of", "follow an organisation, a partnership, a topic, a search or an event")
            throw AppError.invalid(c.problems)
        }
        if !c.problems.isEmpty { throw AppError.invalid(c.problems) }
        let (target, label) = try await resolve(kind, raw)
        if let existing = try await Follow.query(on: db).filter(\.$user.$id == caller.id).filter(\.$kind == kind)
            .filter(\.$target == target).first(), let id = existing.id
        {
            return Followed(item: Item(existing, id: id), created: false, message: "You already follow \(label).")
        }
        guard try await Follow.query(on: db).filter(\.$user.$id == caller.id).count() < Self.maximumFollows else {
            throw AppError.invalid(
                "target", "too-many", "you follow \(Self.maximumFollows) things already; stop following some first")
        }
        let follow = Follow()
        follow.$user.id = caller.id
        follow.kind = kind
        follow.target = target
        follow.label = label
        // Interest reaches the organiser's mailboxes: so many an hour, and once per person and event,
        // however often it is taken back and given again.
        if kind == .event { try await context.rateLimiter.spend(.interestPerPerson, for: caller.id.uuidString) }
        let tells =
            kind == .event ? try await context.rateLimiter.allows(.interestToldOnce, for: "\(caller.id) \(target)") : false
        // Who is interested, read before the transaction (one connection on SQLite).
        let from = tells ? try await interestedOrganisation() : nil
        try await db.transaction { tx in
            try await follow.create(on: tx)
            if tells { try await tellOrganiser(target, label: label, from: from, on: tx) }
        }
        let message =
            kind == .event
            ? "You are interested in \(label): it is in your private calendar, and its organiser is told."
            : "You follow \(label)." + (try await digest() == nil ? " Choose a digest on your following page to hear of it." : "")
        return Followed(item: Item(follow, id: try follow.requireID()), created: true, message: message)
    }

    /// The thing's stored form and its label, or 422 when it does not exist.
    private func resolve(_ kind: Follow.Kind, _ raw: String) async throws -> (String, String) {
        switch kind {
        case .organisation:
            guard let organisation = try await Organisation.query(on: db).filter(\.$key == raw).first(),
                organisation.validationStatus == .validated
            else { throw AppError.invalid("target", "unknown-key", "no validated organisation has the key \"\(raw)\"") }
            return (organisation.key, organisation.name)
        case .partnership:
            guard let partnership = try await Partnership.query(on: db).filter(\.$key == raw).first() else {
                throw AppError.invalid("target", "unknown-key", "no partnership has the key \"\(raw)\"")
            }
            return (partnership.key, partnership.name)
        case .topic:
            let folded = SearchText.term(raw)
            guard !folded.isEmpty, folded.utf8.count <= 60 else {
                throw AppError.invalid("target", "topic", "name the topic in at most 60 letters")
            }
            return (folded, "the topic \"\(raw)\"")
        case .search:
            let parts = raw.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0] == "offers" || parts[0] == "requests" else {
                throw AppError.invalid("target", "search", "follow a search of offers or requests")
            }
            let words = SearchText.term(parts[1])
            guard !words.isEmpty, words.utf8.count <= 100 else {
                throw AppError.invalid("target", "search", "search for at most 100 letters")
            }
            return ("\(parts[0]):\(words)", "\(parts[0]) matching \"\(parts[1])\"")
        case .event:
            guard let id = UUID(uuidString: raw),
                let event = try await Publication.find(id, on: db), event.kind == .event, event.status == .published
            else { throw AppError.invalid("target", "unknown-event", "there is no such event") }
            return (id.uuidString, event.title)
        }
    }

    /// The caller's first organisation by name, to say who is interested.
    private func interestedOrganisation() async throws -> Organisation? {
        let scope = try await context.exchangeScope()
        guard !scope.organisations.isEmpty else { return nil }
        return try await Organisation.query(on: db).filter(\.$id ~~ Array(scope.organisations)).sort(\.$name).first()
    }

    /// Tells the organiser's members that someone is interested in their event.
    private func tellOrganiser(_ eventID: String, label: String, from theirs: Organisation?, on tx: any Database) async throws {
        let caller = try context.signedIn()
        guard let id = UUID(uuidString: eventID), let event = try await Publication.find(id, on: tx) else { return }
        let notifier = Notifier(db: tx, linkBase: context.linkBase)
        let who = theirs.map { "\(caller.name) of \($0.name)" } ?? caller.name
        try await notifier.tell(
            try await notifier.members(of: [event.$organisation.id]), subject: "Interest in \(label)",
            text: "\(who) is interested in your event \"\(label)\"."
                + (theirs.map { " Write to them from their page: /organisations/\($0.key)" } ?? ""),
            link: theirs.map { "/organisations/\($0.key)" } ?? "/events/\(id)")
    }

    func unfollow(_ id: UUID) async throws -> String {
        let caller = try context.signedIn()
        guard let follow = try await Follow.query(on: db).filter(\.$id == id).filter(\.$user.$id == caller.id).first() else {
            throw AppError.notFound("You do not follow that.")
        }
        try await follow.delete(on: db)
        return "You no longer follow \(follow.label)."
    }

    func list() async throws -> [Item] {
        let caller = try context.signedIn()
        return try await Follow.query(on: db).filter(\.$user.$id == caller.id).sort(\.$kind).sort(\.$label).all().compactMap {
            guard let id = $0.id else { return nil }
            return Item($0, id: id)
        }
    }

    static func link(_ kind: Follow.Kind, _ target: String) -> String {
        let encoded = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
        switch kind {
        case .organisation: return "/organisations/\(target)"
        case .partnership: return "/partnerships/\(target)"
        case .topic: return "/catalogue?tab=offers&topic=\(encoded(target))"
        case .search:
            let parts = target.split(separator: ":", maxSplits: 1).map(String.init)
            return "/catalogue?tab=\(parts.first ?? "offers")&q=\(encoded(parts.last ?? ""))"
        case .event: return "/events/\(target)"
        }
    }

    /// The caller's digest choice, nil when none.
    func digest() async throws -> DigestPreference.Frequency? {
        let caller = try context.signedIn()
        return try await DigestPreference.query(on: db).filter(\.$user.$id == caller.id).first()?.frequency
    }

    /// Chooses a digest ("daily", "weekly") or none ("" or "none"); says what was chosen.
    func setDigest(_ text: String?) async throws -> String {
        let caller = try context.signedIn()
        let choice = (text ?? "").trimmingCharacters(in: .whitespaces)
        let existing = try await DigestPreference.query(on: db).filter(\.$user.$id == caller.id).first()
        guard !choice.isEmpty, choice != "none" else {
            try await existing?.delete(on: db)
            return "You receive no digest."
        }
        guard let frequency = DigestPreference.Frequency(rawValue: choice) else {
            throw AppError.invalid("frequency", "one-of", "choose daily, weekly or none")
        }
        let preference = existing ?? DigestPreference()
        preference.$user.id = caller.id
        preference.frequency = frequency
        if existing == nil { preference.coveredUntil = context.clock.now }
        try await preference.save(on: db)
        return "You will receive a \(frequency.rawValue) digest of what you follow, when there is news."
    }

    /// One click in a digest (RFC 8058): no more digests. Only a POST reaches this.
    static func unsubscribe(token: String, on db: any Database) async throws -> Bool {
        guard SecretToken.isWellFormed(token),
            let link = try await UnsubscribeLink.query(on: db).filter(\.$digest == SecretToken.digest(token)).first()
        else { return false }
        try await DigestPreference.query(on: db).filter(\.$user.$id == link.$user.id).delete()
        return true
    }

    /// Whether the token is one of a digest's links (for the confirmation page).
    static func isUnsubscribeLink(_ token: String, on db: any Database) async throws -> Bool {
        guard SecretToken.isWellFormed(token) else { return false }
        return try await UnsubscribeLink.query(on: db).filter(\.$digest == SecretToken.digest(token)).first() != nil
    }
}

extension ServiceContext {
    var following: Following { Following(context: self) }
}
