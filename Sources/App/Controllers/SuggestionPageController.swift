import Matching
import ProgrammeRules
import Vapor

/// Suggestions as pages: best hosts for a request, best visitors for an offer, and the "why not"
/// for an organisation the person names.
struct SuggestionPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.access(.signedIn)
        signedIn.get("requests", ":key", "suggestions", use: requestSuggestions)
        signedIn.get("offers", ":key", "suggestions", use: offerSuggestions)
    }

    /// One suggestion as a card: the DTO with its figures written for people.
    struct Card: Encodable {
        let suggestion: SuggestionDTO
        let scorePercent: Int
        let lumpSum: String?
        let parts: [Part]
    }

    struct Part: Encodable {
        let label: String
        let percent: Int
    }

    struct FitView: Encodable {
        let organisation: String
        let pairs: [PairFitDTO]
        let error: String?
    }

    struct SuggestionsPage: Encodable {
        let layout: Layout
        /// "request" (hosts are suggested) or "offer" (visitors are).
        let side: String
        let key: String
        let title: String
        let cards: [Card]
        let otherSide: String
        let fit: FitView?
    }

    @Sendable func requestSuggestions(req: Request) async throws -> View {
        let key = try req.parameters.require("key")
        let user = try req.auth.require(User.self)
        let request = try await Suggestions.requireManagedRequest(key, viewer: user, on: req.db)
        let list = try await Suggestions.forRequest(key, limit: 10, viewer: user, on: req.db, index: req.matching).list
        var fit: FitView?
        if let host: String = req.query["host"], !host.isEmpty {
            fit = await Self.fitView(host) {
                try await Suggestions.fit(request: key, host: host, viewer: user, on: req.db, index: req.matching).pairs
            }
        }
        return try await req.view.render("suggestions", SuggestionsPage(
            layout: req.layout("Hosts for \(request.title)"), side: "request", key: key, title: request.title,
            cards: list.suggestions.map(Self.card), otherSide: "host", fit: fit))
    }

    @Sendable func offerSuggestions(req: Request) async throws -> View {
        let key = try req.parameters.require("key")
        let user = try req.auth.require(User.self)
        let offer = try await Suggestions.requireManagedOffer(key, viewer: user, on: req.db)
        let list = try await Suggestions.forOffer(key, limit: 10, viewer: user, on: req.db, index: req.matching).list
        var fit: FitView?
        if let visitor: String = req.query["visitor"], !visitor.isEmpty {
            fit = await Self.fitView(visitor) {
                try await Suggestions.fit(offer: key, visitor: visitor, viewer: user, on: req.db, index: req.matching).pairs
            }
        }
        return try await req.view.render("suggestions", SuggestionsPage(
            layout: req.layout("Visitors for \(offer.title)"), side: "offer", key: key, title: offer.title,
            cards: list.suggestions.map(Self.card), otherSide: "visitor", fit: fit))
    }

    /// The explanation, or the input problem shown beside the form.
    static func fitView(_ organisation: String, _ load: () async throws -> [PairFitDTO]) async -> FitView {
        do {
            return FitView(organisation: organisation, pairs: try await load(), error: nil)
        } catch let problem as InputProblem {
            return FitView(organisation: organisation, pairs: [], error: problem.problems.first?.message)
        } catch {
            return FitView(organisation: organisation, pairs: [], error: "That organisation cannot be explained right now.")
        }
    }

    static func card(_ suggestion: SuggestionDTO) -> Card {
        let p = suggestion.parts
        let parts: [(String, Double)] = [
            ("Text", p.text), ("Topics", p.topics), ("Sector", p.sector), ("Purposes", p.purposes),
            ("Languages", p.languages), ("Country", p.country), ("Dates", p.dates), ("Distance", p.distance),
        ]
        return Card(suggestion: suggestion, scorePercent: Int((suggestion.score * 100).rounded()),
            lumpSum: suggestion.lumpSumCents.map { Money.format(cents: $0, currency: "EUR") },
            parts: parts.map { Part(label: $0.0, percent: Int(($0.1 * 100).rounded())) })
    }
}
