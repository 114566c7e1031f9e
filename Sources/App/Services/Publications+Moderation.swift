import Fluent
import Foundation
import Vapor

/// Publishing, rejecting and reporting; the moderation queue; trusted publishers.
extension Publications {
    /// A moderator publishes an item (again, after reports). The author is told.
    func publish(_ id: UUID, _ family: Family) async throws -> Publication {
        let item = try await moderated(id, family)
        guard item.status != .published else { return item }
        guard item.status != .rejected else {
            throw AppError.conflict(
                "status", "rejected",
                "\"\(item.title)\" was refused; only a new submission by its author can be published.")
        }
        item.status = .published
        item.reason = nil
        item.reviewedBy = try context.signedIn().id
        item.publishedAt = item.publishedAt ?? context.clock.now
        try await db.transaction { tx in
            try await item.save(on: tx)
            try await Notifier(db: tx, linkBase: context.linkBase).tell(
                [item.$author.id], subject: "Published: \(item.title)",
                text: "\"\(item.title)\" is published on \(item.organisation.name)'s behalf.", link: family.path(item.id ?? id))
        }
        return item
    }

    /// A moderator refuses an item, saying why; a published item is taken down. The author is told.
    func reject(_ id: UUID, _ family: Family, _ input: RejectInput) async throws -> Publication {
        var c = InputChecker()
        let reason = c.text(input.reason, "reason", required: true, max: 1_000)
        if !c.problems.isEmpty { throw AppError.invalid(c.problems) }
        let item = try await moderated(id, family)
        item.status = .rejected
        item.reason = reason
        item.reviewedBy = try context.signedIn().id
        try await db.transaction { tx in
            try await item.save(on: tx)
            try await Notifier(db: tx, linkBase: context.linkBase).tell(
                [item.$author.id], subject: "Not published: \(item.title)",
                text: "\"\(item.title)\" is not published: \(reason)", link: family.path(item.id ?? id))
        }
        return item
    }

    /// Anyone signed in reports a published item once; the third person to report it hides it
    /// until a moderator reviews it, and the author and the moderators are told.
    func report(_ id: UUID, _ family: Family, _ input: PublicationReportInput) async throws -> ReportReceipt {
        let caller = try context.signedIn()
        var c = InputChecker()
        let reason = c.text(input.reason, "reason", required: false, max: 1_000)
        if !c.problems.isEmpty { throw AppError.invalid(c.problems) }
        try await context.rateLimiter.spend(.contentReportPerPerson, for: caller.id.uuidString)
        let item = try await find(id, family)
        guard item.status == .published || item.status == .hidden else {
            throw AppError.notFound("There is no published \(family.noun) here.")
        }
        let itemID = try item.requireID()
        return try await db.transaction { tx in
            let already = try await PublicationReport.query(on: tx).filter(\.$publication.$id == itemID)
                .filter(\.$user.$id == caller.id).first()
            if already == nil {
                let report = PublicationReport()
                report.$publication.id = itemID
                report.$user.id = caller.id
                report.reason = reason
                try await report.create(on: tx)
            }
            let count = try await PublicationReport.query(on: tx).filter(\.$publication.$id == itemID).count()
            guard let fresh = try await Publication.find(itemID, on: tx) else { throw AppError.notFound("It is gone.") }
            fresh.reports = count
            let hides = fresh.status == .published && count >= Self.reportsToHide
            if hides { fresh.status = .hidden }
            try await fresh.save(on: tx)
            if hides {
                let notifier = Notifier(db: tx, linkBase: context.linkBase)
                var moderators = try await notifier.coordinators(of: [item.organisation.$partnership.id].compactMap { $0 })
                if moderators.isEmpty { moderators = try await notifier.supportOffice() }
                try await notifier.tell(
                    moderators.union([item.$author.id]), subject: "Hidden after reports: \(item.title)",
                    text: "\"\(item.title)\" was reported by \(count) people and is hidden until a moderator reviews it.",
                    link: family.path(itemID))
            }
            return ReportReceipt(reports: count, hidden: fresh.status == .hidden)
        }
    }

    /// An item the caller moderates: they coordinate its organisation's partnership, or are the support office.
    /// An item the caller may not even read is not there for them (404), as when they read it.
    private func moderated(_ id: UUID, _ family: Family) async throws -> Publication {
        _ = try context.signedIn()
        let item = try await find(id, family)
        guard try await context.permissions.coordinates(item.organisation.$partnership.id) else {
            throw AppError.forbidden(
                "\(item.organisation.name)'s partnership reviews what it publishes; you do not coordinate that partnership.")
        }
        return item
    }

    /// Whether the caller may publish or reject the item.
    func mayModerate(_ item: Publication) async throws -> Bool {
        guard context.caller != nil else { return false }
        return try await context.permissions.coordinates(item.organisation.$partnership.id)
    }

    // MARK: The queue

    /// What waits for the caller's review, oldest first: items pending, or hidden by reports.
    func queue() async throws -> [ModerationItem] {
        let caller = try context.signedIn()
        let query = Publication.query(on: db).filter(\.$status ~~ [.pending, .hidden])
            .join(Organisation.self, on: \Publication.$organisation.$id == \Organisation.$id)
        if !caller.isAdmin {
            let partnerships = Array(try await context.exchangeScope().partnerships)
            guard !partnerships.isEmpty else { return [] }
            query.filter(Organisation.self, \.$partnership.$id ~~ partnerships)
        }
        let now = context.clock.now
        return try await query.with(\.$organisation).sort(\.$createdAt).limit(500).all().compactMap { item in
            guard let id = item.id else { return nil }
            let submitted = item.createdAt ?? now
            return ModerationItem(
                id: id, kind: item.kind, status: item.status, title: item.title, organisation: item.organisation.key,
                organisationName: item.organisation.name, submittedAt: submitted,
                waitingDays: max(0, Int(now.timeIntervalSince(submitted) / 86_400)), reports: item.reports,
                url: (item.kind == .event ? Family.events : Family.news).path(id))
        }
    }

    // MARK: Trusted publishers

    /// An organisation with enough published items and no mark yet, for the support office.
    struct TrustCandidate: Encodable, Sendable {
        let key: String
        let name: String
        let published: Int
    }

    /// Organisations the support office might trust: three items published and none rejected.
    func trustCandidates() async throws -> [TrustCandidate] {
        guard try context.signedIn().isAdmin else { return [] }
        let trusted = Set(try await TrustedPublisher.query(on: db).all().map(\.$organisation.id))
        let items = try await Publication.query(on: db).filter(\.$status ~~ [.published, .rejected]).with(\.$organisation)
            .limit(5_000).all()
        var counts: [UUID: (organisation: Organisation, published: Int, rejected: Int)] = [:]
        for item in items where !trusted.contains(item.$organisation.id) {
            var entry = counts[item.$organisation.id] ?? (item.organisation, 0, 0)
            if item.status == .published { entry.published += 1 } else { entry.rejected += 1 }
            counts[item.$organisation.id] = entry
        }
        return counts.values.filter { $0.published >= Self.trustSuggestedAfter && $0.rejected == 0 }
            .map { TrustCandidate(key: $0.organisation.key, name: $0.organisation.name, published: $0.published) }
            .sorted { $0.name < $1.name }
    }

    /// The support office marks an organisation as a trusted publisher, or takes the mark away.
    func trust(_ key: String, _ trusted: Bool) async throws -> Organisation {
        let caller = try context.signedIn()
        guard caller.isAdmin else { throw AppError.forbidden("Only the support office marks trusted publishers.") }
        guard let organisation = try await Organisation.query(on: db).filter(\.$key == key).first() else {
            throw AppError.noSuch("organisation", key: key)
        }
        let id = try organisation.requireID()
        let existing = try await TrustedPublisher.query(on: db).filter(\.$organisation.$id == id).first()
        if trusted, existing == nil {
            let mark = TrustedPublisher()
            mark.$organisation.id = id
            mark.$markedBy.id = caller.id
            try await mark.create(on: db)
        } else if !trusted, let existing {
            try await existing.delete(on: db)
        }
        return organisation
    }

    func isTrusted(_ organisationID: UUID) async throws -> Bool {
        try await TrustedPublisher.query(on: db).filter(\.$organisation.$id == organisationID).first() != nil
    }
}
