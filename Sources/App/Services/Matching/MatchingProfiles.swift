import Fluent
import Foundation
import Matching
import ProgrammeRules

/// Reads the matcher's view of the database: validated organisations, offers and requests, as the
/// pure library's profiles. A row the rules library cannot read (an unknown kind or country) is
/// left out of matching rather than guessed at.
enum MatchingProfiles {
    static func organisation(_ model: Organisation) -> OrganisationProfile? {
        guard model.validationStatus == .validated else { return nil }
        return OrganisationProfile(
            key: model.key, name: model.name, description: model.description, participant: model.participant,
            coordinate: model.coordinate,
            sectors: model.sectors.compactMap(NACECode.init), topics: model.topics, languages: Set(model.languages),
            // Funded exchanges arrive with the exchange records; until then none is funded.
            fundedExchanges: 0)
    }

    static func offer(_ model: Offer, hostKey: String) -> OfferProfile? {
        OfferProfile(
            key: model.key, hostKey: hostKey, title: model.title, description: model.description, topics: model.topics,
            purposes: Set(model.purposes), languages: Set(model.languages),
            availableFrom: model.availableFrom, availableTo: model.availableTo, capacityLeft: model.capacity,
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
        try await forEachPage(Organisation.query(on: db), pageSize) { organisation in
            if let id = organisation.id { hostKeys[id] = organisation.key }
            if let profile = Self.organisation(organisation) { matcher.upsert(profile) }
        }
        try await forEachPage(Offer.query(on: db), pageSize) { offer in
            if let key = hostKeys[offer.$host.id], let profile = Self.offer(offer, hostKey: key) { matcher.upsert(profile) }
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
            let model = try await Organisation.query(on: db).filter(\.$key == key).first()
            return .organisation(key: key, model.flatMap(organisation))
        case .offer:
            let model = try await Offer.query(on: db).filter(\.$key == key).with(\.$host).first()
            return .offer(key: key, model.flatMap { offer($0, hostKey: $0.host.key) })
        case .request:
            let model = try await VisitRequest.query(on: db).filter(\.$key == key).with(\.$visitor).first()
            return .request(key: key, model.flatMap { request($0, visitorKey: $0.visitor.key) })
        case .everything:
            return nil
        }
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
