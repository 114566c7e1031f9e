import Fluent
import Foundation
import Matching
import ProgrammeRules
import SQLKit

/// Reads the matcher's view of the database: validated organisations, offers and requests, as the
/// pure library's profiles. A row the rules library cannot read (an unknown kind or country) is
/// left out of matching rather than guessed at.
enum MatchingProfiles {
    /// `funded`: the organisation's funded exchanges (a visitor is funded once).
    static func organisation(_ model: Organisation, funded: Int = 0) -> OrganisationProfile? {
        guard model.validationStatus == .validated else { return nil }
        return OrganisationProfile(
            key: model.key, name: model.name, description: model.description, participant: model.participant,
            coordinate: model.coordinate,
            sectors: model.sectors.compactMap(NACECode.init), topics: model.topics, languages: Set(model.languages),
            fundedExchanges: funded)
    }

    /// `taken`: the places its agreed and funded exchanges take.
    static func offer(_ model: Offer, hostKey: String, taken: Int = 0) -> OfferProfile? {
        OfferProfile(
            key: model.key, hostKey: hostKey, title: model.title, description: model.description, topics: model.topics,
            purposes: Set(model.purposes), languages: Set(model.languages),
            availableFrom: model.availableFrom, availableTo: model.availableTo, capacityLeft: max(0, model.capacity - taken),
            isVirtual: model.isVirtual)
    }

    static func request(_ model: VisitRequest, visitorKey: String) -> RequestProfile? {
        RequestProfile(
            key: model.key, visitorKey: visitorKey, title: model.title, description: model.description, topics: model.topics,
            purposes: Set(model.purposes), languages: Set(model.languages),
            earliest: model.earliest, latest: model.latest, workingDays: model.workingDays,
            preferredCountries: Set(model.preferredCountries))
    }

    /// The whole matcher, read from the database in pages.
    static func loadAll(rules: EligibilityRules, weights: FitWeights = .standard, on db: any Database) async throws -> Matcher {
        var matcher = Matcher(rules: rules, weights: weights)
        let pageSize = 5_000
        var hostKeys: [UUID: String] = [:]
        let funded = try await counts(\.$visitor.$id, in: ExchangeChecks.funded, on: db)
        let taken = try await counts(\.$offer.$id, in: ExchangeChecks.placeTaking, on: db)
        try await forEachPage(Organisation.query(on: db), pageSize) { organisation in
            if let id = organisation.id { hostKeys[id] = organisation.key }
            if let profile = Self.organisation(organisation, funded: organisation.id.flatMap { funded[$0] } ?? 0) {
                matcher.upsert(profile)
            }
        }
        try await forEachPage(Offer.query(on: db), pageSize) { offer in
            if let key = hostKeys[offer.$host.id],
                let profile = Self.offer(offer, hostKey: key, taken: offer.id.flatMap { taken[$0] } ?? 0)
            {
                matcher.upsert(profile)
            }
        }
        try await forEachPage(VisitRequest.query(on: db), pageSize) { request in
            if let key = hostKeys[request.$visitor.id], let profile = Self.request(request, visitorKey: key) {
                matcher.upsert(profile)
            }
        }
        return matcher
    }

    /// What a change-log line means for the matcher, read from the database.
    enum Update {
        case organisation(key: String, OrganisationProfile?)
        case offer(key: String, OfferProfile?)
        case request(key: String, RequestProfile?)

        /// Puts the record in the matcher, or takes it out when it is gone or not matchable.
        func apply(to matcher: inout Matcher) {
            switch self {
            case .organisation(let key, let profile):
                if let profile { matcher.upsert(profile) } else { matcher.removeOrganisation(key: key) }
            case .offer(let key, let profile):
                if let profile { matcher.upsert(profile) } else { matcher.removeOffer(key: key) }
            case .request(let key, let profile):
                if let profile { matcher.upsert(profile) } else { matcher.removeRequest(key: key) }
            }
        }
    }

    /// Reads the record a change-log line names; nil for `everything`, which calls for a rebuild.
    static func update(_ entity: MatchingChange.Entity, key: String, on db: any Database) async throws -> Update? {
        switch entity {
        case .organisation:
            guard let model = try await Organisation.query(on: db).filter(\.$key == key).first(), let id = model.id else {
                return .organisation(key: key, nil)
            }
            let funded = try await Exchange.query(on: db).filter(\.$visitor.$id == id).filter(\.$phase ~~ ExchangeChecks.funded)
                .count()
            return .organisation(key: key, organisation(model, funded: funded))
        case .offer:
            guard let model = try await Offer.query(on: db).filter(\.$key == key).with(\.$host).first(), let id = model.id else {
                return .offer(key: key, nil)
            }
            let taken = try await Exchange.query(on: db).filter(\.$offer.$id == id).filter(\.$phase ~~ ExchangeChecks.placeTaking)
                .count()
            return .offer(key: key, offer(model, hostKey: model.host.key, taken: taken))
        case .request:
            let model = try await VisitRequest.query(on: db).filter(\.$key == key).with(\.$visitor).first()
            return .request(key: key, model.flatMap { request($0, visitorKey: $0.visitor.key) })
        case .everything:
            return nil
        }
    }

    /// Exchanges in the phases, counted per organisation or offer, in one grouped query.
    private static func counts<Field: QueryableProperty>(
        _ field: KeyPath<Exchange, Field>, in phases: [ExchangePhase], on db: any Database
    ) async throws -> [UUID: Int] where Field.Model == Exchange {
        let column = Exchange.path(for: field)[0].description
        let rows = try await db.sql().select().column(column).column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(Exchange.schema).where("phase", .in, phases.map(\.rawValue)).where(SQLColumn(column), .isNot, SQLLiteral.null)
            .groupBy(column).all()
        var counts: [UUID: Int] = [:]
        for row in rows { counts[try row.decode(column: column, as: UUID.self)] = try row.decode(column: "n", as: Int.self) }
        return counts
    }

    private static func forEachPage<M: Model>(_ query: QueryBuilder<M>, _ size: Int, _ body: (M) -> Void) async throws {
        var offset = 0
        while true {
            let page = try await query.copy().sort(\._$id).range(offset..<(offset + size)).all()
            page.forEach(body)
            guard page.count == size else { return }
            offset += size
        }
    }
}
