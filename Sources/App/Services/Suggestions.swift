import Fluent
import Foundation
import Matching
import ProgrammeRules
import Vapor

/// Suggestions and "why not" answers for a request or an offer, for those who manage it: its
/// organisation's members, its partnership's coordinators and the support office.
enum Suggestions {
    static let limits = 1...100

    static func forRequest(_ key: String, limit: Int, viewer: User, on db: any Database, index: MatchingIndex) async throws -> MatchingIndex.Answer {
        let matcher = try await index.matcher(on: db)
        // The matcher knows the request's organisation, which saves the support office a query.
        if viewer.role != .admin || matcher.requests[key] == nil { try await requireManagedRequest(key, viewer: viewer, on: db) }
        return try await index.answer("request \(key) \(limit)", on: db) { matcher in
            SuggestionListDTO(request: key, suggestions: (matcher.hosts(forRequest: key, limit: limit) ?? []).map { dto($0, matcher) })
        }
    }

    static func forOffer(_ key: String, limit: Int, viewer: User, on db: any Database, index: MatchingIndex) async throws -> MatchingIndex.Answer {
        let matcher = try await index.matcher(on: db)
        if viewer.role != .admin || matcher.offers[key] == nil { try await requireManagedOffer(key, viewer: viewer, on: db) }
        return try await index.answer("offer \(key) \(limit)", on: db) { matcher in
            SuggestionListDTO(offer: key, suggestions: (matcher.visitors(forOffer: key, limit: limit) ?? []).map { dto($0, matcher) })
        }
    }

    /// Each offer of the named host, with what stands between it and the request.
    static func fit(request key: String, host: String, viewer: User, on db: any Database, index: MatchingIndex) async throws -> PairFitListDTO {
        try await requireManagedRequest(key, viewer: viewer, on: db)
        try await requireOrganisation(host, field: "host", on: db)
        let matcher = try await index.matcher(on: db)
        let pairs = matcher.explain(request: key, host: host) ?? []
        return PairFitListDTO(request: key, host: host, pairs: pairs.map(dto))
    }

    /// Each request of the named visitor, with what stands between it and the offer.
    static func fit(offer key: String, visitor: String, viewer: User, on db: any Database, index: MatchingIndex) async throws -> PairFitListDTO {
        try await requireManagedOffer(key, viewer: viewer, on: db)
        try await requireOrganisation(visitor, field: "visitor", on: db)
        let matcher = try await index.matcher(on: db)
        let pairs = matcher.explain(offer: key, visitor: visitor) ?? []
        return PairFitListDTO(offer: key, visitor: visitor, pairs: pairs.map(dto))
    }

    /// The `limit` query parameter, 10 when absent.
    static func limit(_ value: String?) throws -> Int {
        guard let value else { return 10 }
        guard let number = Int(value), limits.contains(number) else {
            throw InputProblem(field: "limit", rule: "range", "limit must be a whole number from \(limits.lowerBound) to \(limits.upperBound).", status: .badRequest)
        }
        return number
    }

    // MARK: Who may ask

    @discardableResult
    static func requireManagedRequest(_ key: String, viewer: User, on db: any Database) async throws -> VisitRequest {
        guard let request = try await VisitRequest.query(on: db).join(Organisation.self, on: \VisitRequest.$visitor.$id == \Organisation.$id)
            .filter(\.$key == key).first()
        else {
            throw Abort(.notFound, reason: "There is no request with key \(key).", identifier: "not-found")
        }
        guard try await Permissions.mayManage(try request.joined(Organisation.self), viewer, on: db) else {
            throw Abort(.forbidden, reason: "Only the visitor organisation's members, its partnership's coordinators and the support office see its suggestions.", identifier: "forbidden")
        }
        return request
    }

    @discardableResult
    static func requireManagedOffer(_ key: String, viewer: User, on db: any Database) async throws -> Offer {
        guard let offer = try await Offer.query(on: db).join(Organisation.self, on: \Offer.$host.$id == \Organisation.$id)
            .filter(\.$key == key).first()
        else {
            throw Abort(.notFound, reason: "There is no offer with key \(key).", identifier: "not-found")
        }
        guard try await Permissions.mayManage(try offer.joined(Organisation.self), viewer, on: db) else {
            throw Abort(.forbidden, reason: "Only the host organisation's members, its partnership's coordinators and the support office see its suggestions.", identifier: "forbidden")
        }
        return offer
    }

    private static func requireOrganisation(_ key: String, field: String, on db: any Database) async throws {
        guard try await Organisation.query(on: db).filter(\.$key == key).first() != nil else {
            throw InputProblem(field: field, rule: "exists", "There is no organisation with key \(key).", status: .badRequest)
        }
    }

    // MARK: Rendering

    static func dto(_ suggestion: Suggestion, _ matcher: Matcher) -> SuggestionDTO {
        let host = matcher.organisations[suggestion.host]
        let visitor = matcher.organisations[suggestion.visitor]
        return SuggestionDTO(
            offer: suggestion.offer, host: suggestion.host, request: suggestion.request, visitor: suggestion.visitor,
            score: rounded(suggestion.score), reasons: suggestion.reasons,
            offerTitle: matcher.offers[suggestion.offer]?.title ?? suggestion.offer, hostName: host?.name ?? suggestion.host,
            hostCountry: host?.country.rawValue ?? "",
            requestTitle: matcher.requests[suggestion.request]?.title ?? suggestion.request, visitorName: visitor?.name ?? suggestion.visitor,
            stay: .init(start: suggestion.stay.start.description, end: suggestion.stay.end.description),
            distanceKm: (suggestion.distanceKm * 10).rounded() / 10,
            lumpSumCents: lumpSum(suggestion, matcher),
            parts: suggestion.parts)
    }

    static func dto(_ explanation: PairExplanation) -> PairFitDTO {
        PairFitDTO(offer: explanation.offer, request: explanation.request, suggestible: explanation.isSuggestible,
            obstacles: explanation.obstacles, score: rounded(explanation.score), reasons: explanation.reasons)
    }

    static func rounded(_ score: Double) -> Double { (score * 10_000).rounded() / 10_000 }

    /// The lump sum the suggested stay would bring the visitor under the default rate table, in
    /// cents; nil when either organisation has left the index or the quote is refused.
    static func lumpSum(_ suggestion: Suggestion, _ matcher: Matcher) -> Int? {
        guard let visitor = matcher.organisations[suggestion.visitor], let host = matcher.organisations[suggestion.host] else { return nil }
        let calculator = LumpSumCalculator(countries: matcher.rules.countries, calendar: matcher.rules.calendar)
        return try? calculator.quote(
            from: Place(label: visitor.name, country: visitor.country, coordinate: visitor.coordinate),
            to: Place(label: host.name, country: host.country, coordinate: host.coordinate),
            stay: suggestion.stay, rates: .cxcDefault
        ).amountCents
    }
}
