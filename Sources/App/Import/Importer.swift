import Fluent
import ProgrammeRules
import Vapor

/// Writes checked records: all or nothing, in one transaction; a key seen before updates its row.
struct Importer {
    let database: any Database

    func run(_ records: [ImportRecord], dryRun: Bool = false, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in })
        async throws -> ImportSummary
    {
        let partnerships = records.compactMap { if case .partnership(let r) = $0 { r } else { nil } }
        let organisations = records.compactMap { if case .organisation(let r) = $0 { r } else { nil } }
        let offers = records.compactMap { if case .offer(let r) = $0 { r } else { nil } }
        let requests = records.compactMap { if case .request(let r) = $0 { r } else { nil } }

        let existingPartnerships = try await keys(
            Partnership.self, \.$key, partnerships.map(\.key) + organisations.compactMap(\.partnership), on: database)
        let referencedOrganisations =
            organisations.map(\.key) + organisations.compactMap(\.cluster) + offers.map(\.host) + requests.map(\.visitor)
        let existingOrganisations = try await Self.chunked(Array(Set(referencedOrganisations))) { chunk in
            try await Organisation.query(on: database).filter(\.$key ~~ chunk).all()
        }
        let existingOrganisationsByKey = Dictionary(existingOrganisations.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })

        // References may point into the file or into the database.
        let partnershipKeys = Set(partnerships.map(\.key)).union(existingPartnerships.keys)
        var kinds: [String: OrganisationKind] = existingOrganisationsByKey.mapValues(\.kind)
        for organisation in organisations { kinds[organisation.key] = organisation.kind }
        // Who may visit is the rules library's question, asked of the organisation as it will be.
        var participants: [String: Participant] = existingOrganisationsByKey.mapValues(\.participant)
        for organisation in organisations {
            participants[organisation.key] = Participant(
                kind: organisation.kind, country: organisation.city.country, isClusterMember: organisation.cluster != nil)
        }
        let rules = EligibilityRules(calendar: try HolidayCalendar.bundled())
        var issues: [ImportIssue] = []
        for o in organisations {
            if let p = o.partnership, !partnershipKeys.contains(p) {
                issues.append(
                    ImportIssue(line: o.line, key: o.key, field: "partnership", message: "no partnership has the key \"\(p)\""))
            }
            if let c = o.cluster {
                switch kinds[c] {
                case nil:
                    issues.append(
                        ImportIssue(line: o.line, key: o.key, field: "cluster", message: "no organisation has the key \"\(c)\""))
                case .clusterOrganisation?: break
                case let kind?:
                    issues.append(
                        ImportIssue(
                            line: o.line, key: o.key, field: "cluster",
                            message: "\"\(c)\" is a \(kind.rawValue), not a cluster-organisation"))
                }
            }
        }
        for offer in offers where kinds[offer.host] == nil {
            issues.append(
                ImportIssue(
                    line: offer.line, key: offer.key, field: "host", message: "no organisation has the key \"\(offer.host)\""))
        }
        for request in requests {
            guard let visitor = participants[request.visitor] else {
                issues.append(
                    ImportIssue(
                        line: request.line, key: request.key, field: "visitor",
                        message: "no organisation has the key \"\(request.visitor)\""))
                continue
            }
            if let violation = rules.visitorViolations(visitor).first {
                issues.append(
                    ImportIssue(
                        line: request.line, key: request.key, field: "visitor",
                        message: "\(violation.rule.rawValue): \(violation.message)"))
            }
        }
        guard issues.isEmpty else { throw ImportFailure(issues: issues.sorted { $0.line < $1.line }) }

        // Existing rows by key, loaded once: the writes below need no query per record.
        let existingPartnershipModels = try await Self.chunked(partnerships.map(\.key)) { chunk in
            try await Partnership.query(on: database).filter(\.$key ~~ chunk).all()
        }.reduce(into: [String: Partnership]()) { $0[$1.key] = $1 }
        let existingOffers = try await Self.chunked(offers.map(\.key)) { chunk in
            try await Offer.query(on: database).filter(\.$key ~~ chunk).all()
        }.reduce(into: [String: Offer]()) { $0[$1.key] = $1 }
        let existingRequests = try await Self.chunked(requests.map(\.key)) { chunk in
            try await VisitRequest.query(on: database).filter(\.$key ~~ chunk).all()
        }.reduce(into: [String: VisitRequest]()) { $0[$1.key] = $1 }

        let total = records.count
        let counter = ProgressCounter(total: total, report: progress)
        if dryRun {
            var summary = ImportSummary()
            for p in partnerships { summary.count("partnership", existed: existingPartnerships[p.key] != nil) }
            for o in organisations { summary.count("organisation", existed: existingOrganisationsByKey[o.key] != nil) }
            for o in offers { summary.count("offer", existed: existingOffers[o.key] != nil) }
            for r in requests { summary.count("request", existed: existingRequests[r.key] != nil) }
            return summary
        }

        return try await database.transaction { db in
            var summary = ImportSummary()
            var partnershipIDs = existingPartnerships
            for record in partnerships {
                let model = existingPartnershipModels[record.key] ?? Partnership()
                summary.count("partnership", existed: model.id != nil)
                model.key = record.key
                model.name = record.name
                model.description = record.description
                model.countries = record.countries
                model.sectors = record.sectors
                model.budgetCents = record.budgetCents
                model.targetExchanges = record.targetExchanges
                try await model.save(on: db)
                partnershipIDs[record.key] = try model.requireID()
                counter.step()
            }

            var organisationIDs = try existingOrganisationsByKey.mapValues { try $0.requireID() }
            var saved: [(OrganisationRecord, Organisation)] = []
            for record in organisations {
                let model = existingOrganisationsByKey[record.key] ?? Organisation()
                if model.id == nil { model.namedInNews = false }
                summary.count("organisation", existed: model.id != nil)
                model.key = record.key
                model.apply(record.fields)
                model.$partnership.id = record.partnership.flatMap { partnershipIDs[$0] }
                // Imported organisations count as validated (docs/interfaces.md).
                model.validationStatus = .validated
                model.validationReason = nil
                try await model.save(on: db)
                organisationIDs[record.key] = try model.requireID()
                saved.append((record, model))
                counter.step()
            }
            // Clusters may appear after their members in the file.
            for (record, model) in saved {
                let clusterID = record.cluster.flatMap { organisationIDs[$0] }
                if model.$cluster.id != clusterID {
                    model.$cluster.id = clusterID
                    try await model.save(on: db)
                }
            }

            for record in offers {
                let model = existingOffers[record.key] ?? Offer()
                summary.count("offer", existed: model.id != nil)
                model.key = record.key
                guard let hostID = organisationIDs[record.host] else {
                    throw ImportFailure(issues: [
                        ImportIssue(
                            line: record.line, key: record.key, field: "host", message: "the host vanished during the import")
                    ])
                }
                model.$host.id = hostID
                model.apply(record.fields)
                try await model.save(on: db)
                counter.step()
            }

            for record in requests {
                let model = existingRequests[record.key] ?? VisitRequest()
                summary.count("request", existed: model.id != nil)
                model.key = record.key
                guard let visitorID = organisationIDs[record.visitor] else {
                    throw ImportFailure(issues: [
                        ImportIssue(
                            line: record.line, key: record.key, field: "visitor",
                            message: "the visitor vanished during the import")
                    ])
                }
                model.$visitor.id = visitorID
                model.apply(record.fields)
                try await model.save(on: db)
                counter.step()
            }
            return summary
        }
    }

    /// Existing rows' ids by key, for the keys asked.
    private func keys<M: Model>(
        _ type: M.Type, _ key: KeyPath<M, FieldProperty<M, String>>, _ wanted: [String], on db: any Database
    ) async throws -> [String: UUID] where M.IDValue == UUID {
        let models = try await Self.chunked(Array(Set(wanted))) { chunk in
            try await M.query(on: db).filter(key ~~ chunk).all()
        }
        return Dictionary(try models.map { ($0[keyPath: key].value ?? "", try $0.requireID()) }, uniquingKeysWith: { a, _ in a })
    }

    /// SQLite limits the number of bound parameters: large `IN` lists go in chunks.
    static func chunked<T>(_ values: [String], size: Int = 500, _ body: ([String]) async throws -> [T]) async throws -> [T] {
        var result: [T] = []
        var start = 0
        while start < values.count {
            result += try await body(Array(values[start..<min(start + size, values.count)]))
            start += size
        }
        return result
    }
}
