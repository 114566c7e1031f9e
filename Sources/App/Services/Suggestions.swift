import Fluent
import FluentPostgresDriver
import Foundation
import Matching
import ProgrammeRules
import SQLKit
import Vapor

/// Suggestions and "why not" answers for a request or an offer, for those who manage it: its
/// organisation's members, its partnership's coordinators and the support office. To anyone else
/// the request or offer does not exist (404).
struct Suggestions {
    let context: ServiceContext

    private var db: any Database { context.db }

    static let limits = 1...100

    func forRequest(_ key: String, limit: Int) async throws -> MatchingIndex.Answer {
        let matcher = try await context.matching.matcher(on: db)
        // The matcher knows the request's organisation, which saves the support office a query.
        if context.caller?.isAdmin != true || matcher.requests[key] == nil { _ = try await managedRequestTitle(key) }
        return try await forManagedRequest(key, limit: limit)
    }

    func forOffer(_ key: String, limit: Int) async throws -> MatchingIndex.Answer {
        let matcher = try await context.matching.matcher(on: db)
        if context.caller?.isAdmin != true || matcher.offers[key] == nil { _ = try await managedOfferTitle(key) }
        return try await forManagedOffer(key, limit: limit)
    }

    /// The same for a request the caller is already known to manage (the dashboard lists only the
    /// caller's own): no permission query.
    func forManagedRequest(_ key: String, limit: Int) async throws -> MatchingIndex.Answer {
        let notice = try await context.stayNotice()
        return try await context.matching.answer("request \(key) \(limit) \(notice)", on: db) { matcher in
            let matcher = Self.noticed(matcher, notice)
            return SuggestionListDTO(
                request: key, suggestions: (matcher.hosts(forRequest: key, limit: limit) ?? []).map { Self.dto($0, matcher) })
        }
    }

    /// The same for an offer the caller is already known to manage.
    func forManagedOffer(_ key: String, limit: Int) async throws -> MatchingIndex.Answer {
        let notice = try await context.stayNotice()
        return try await context.matching.answer("offer \(key) \(limit) \(notice)", on: db) { matcher in
            let matcher = Self.noticed(matcher, notice)
            return SuggestionListDTO(
                offer: key, suggestions: (matcher.visitors(forOffer: key, limit: limit) ?? []).map { Self.dto($0, matcher) })
        }
    }

    /// The matcher as the platform suggests: no stay sooner than the programme's notice from today.
    static func noticed(_ matcher: Matcher, _ notice: StayNotice) -> Matcher {
        var noticed = matcher
        noticed.notice = notice
        return noticed
    }

    /// Each offer of the named host (by key or by name), with what stands between it and the request.
    func fit(request key: String, host: String) async throws -> PairFitListDTO {
        _ = try await managedRequestTitle(key)
        let organisation = try await organisation(named: host, field: "host")
        let matcher = Self.noticed(try await context.matching.matcher(on: db), try await context.stayNotice())
        let pairs = matcher.explain(request: key, host: organisation.key) ?? []
        return PairFitListDTO(
            request: key, host: organisation.key, organisationName: organisation.name, pairs: pairs.map { dto($0, matcher) })
    }

    /// Each request of the named visitor (by key or by name), with what stands between it and the offer.
    func fit(offer key: String, visitor: String) async throws -> PairFitListDTO {
        _ = try await managedOfferTitle(key)
        let organisation = try await organisation(named: visitor, field: "visitor")
        let matcher = Self.noticed(try await context.matching.matcher(on: db), try await context.stayNotice())
        let pairs = matcher.explain(offer: key, visitor: organisation.key) ?? []
        return PairFitListDTO(
            offer: key, visitor: organisation.key, organisationName: organisation.name, pairs: pairs.map { dto($0, matcher) })
    }

    /// The `limit` query parameter, 10 when absent.
    static func limit(_ value: String?) throws(AppError) -> Int {
        guard let value else { return 10 }
        guard let number = Int(value), limits.contains(number) else {
            throw .badQuery("limit", "range", "limit must be a whole number from \(limits.lowerBound) to \(limits.upperBound)")
        }
        return number
    }

    // MARK: Who may ask

    /// The request's title, if the caller manages it (404 otherwise).
    func managedRequestTitle(_ key: String) async throws -> String {
        try await managed(try await RequestOwner(key: key).first(on: db), key: key, noun: "request")
    }

    /// The offer's title, if the caller manages it.
    func managedOfferTitle(_ key: String) async throws -> String {
        try await managed(try await OfferOwner(key: key).first(on: db), key: key, noun: "offer")
    }

    /// A listing's title and its organisation, in one query prepared on PostgreSQL: every
    /// suggestion page asks it, then the permission.
    struct Owner: Decodable, Sendable {
        let title: String
        let organisation_id: UUID
        let partnership_id: UUID?
    }

    struct RequestOwner: PreparedQuery {
        typealias Output = Owner
        static let sql = """
            SELECT l.title, o.id AS organisation_id, o.partnership_id
            FROM \(VisitRequest.schema) l JOIN \(Organisation.schema) o ON o.id = l.visitor_id WHERE l."key" = $1
            """
        let key: String
        var values: [any PostgresEncodable & Encodable & Sendable] { [key] }
    }

    struct OfferOwner: PreparedQuery {
        typealias Output = Owner
        static let sql = """
            SELECT l.title, o.id AS organisation_id, o.partnership_id
            FROM \(Offer.schema) l JOIN \(Organisation.schema) o ON o.id = l.host_id WHERE l."key" = $1
            """
        let key: String
        var values: [any PostgresEncodable & Encodable & Sendable] { [key] }
    }

    private func managed(_ owner: Owner?, key: String, noun: String) async throws -> String {
        guard let owner,
            try await context.permissions.mayManage(organisationID: owner.organisation_id, partnershipID: owner.partnership_id)
        else { throw AppError.noSuch(noun, key: key) }
        return owner.title
    }

    /// A validated organisation by its key, or by its name as people type it.
    private func organisation(named text: String, field: String) async throws -> Organisation {
        let wanted = InputChecker.clean(text).trimmingCharacters(in: .whitespaces)
        guard !wanted.isEmpty, wanted.utf8.count <= 200 else {
            throw AppError.badQuery(field, "required", "name the organisation")
        }
        if let byKey = try await Organisation.query(on: db).filter(\.$key == wanted).filter(\.$validationStatus == .validated)
            .first()
        {
            return byKey
        }
        let folded = SearchText.term(wanted)
        let candidates = try await Organisation.query(on: db).filter(\.$validationStatus == .validated)
            .filter(\.$searchText ~~ folded).limit(50).all()
        if let exact = candidates.first(where: { NameFolding.fold($0.name) == folded }) { return exact }
        // A part of a name: the one organisation it names, or the question which one.
        let named = candidates.filter { NameFolding.fold($0.name).contains(folded) }.sorted { $0.name < $1.name }
        if named.count == 1 { return named[0] }
        if !named.isEmpty {
            let listed = named.prefix(8).map { "\($0.name) (\($0.city))" }.joined(separator: "; ")
            throw AppError.badQuery(
                field, "ambiguous-organisation",
                "\(named.count) organisations have \"\(wanted)\" in their name: \(listed)\(named.count > 8 ? "; …" : ""). "
                    + "Give the whole name.")
        }
        throw AppError.badQuery(field, "unknown-organisation", "no validated organisation is called \"\(wanted)\"")
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
            requestTitle: matcher.requests[suggestion.request]?.title ?? suggestion.request,
            visitorName: visitor?.name ?? suggestion.visitor,
            stay: StayDTO(suggestion.stay), distanceKm: (suggestion.distanceKm * 10).rounded() / 10,
            lumpSumCents: LumpSums.quote(suggestion, matcher)?.amountCents, parts: suggestion.parts)
    }

    private func dto(_ explanation: PairExplanation, _ matcher: Matcher) -> PairFitDTO {
        PairFitDTO(
            offer: explanation.offer, offerTitle: matcher.offers[explanation.offer]?.title ?? explanation.offer,
            request: explanation.request, requestTitle: matcher.requests[explanation.request]?.title ?? explanation.request,
            suggestible: explanation.isSuggestible, obstacles: explanation.obstacles, score: Self.rounded(explanation.score),
            reasons: explanation.reasons)
    }

    static func rounded(_ score: Double) -> Double { (score * 10_000).rounded() / 10_000 }
}

extension ServiceContext {
    var suggestions: Suggestions { Suggestions(context: self) }
}
