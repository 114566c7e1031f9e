import Matching
import ProgrammeRules
import Vapor

/// Suggestions and "why not" for a request or an offer, as pages and as JSON.
struct SuggestionController: Controller {
    func boot(_ routes: Surfaces) {
        let api = routes.api.access(.signedIn)
        api.get("requests", ":key", "suggestions", use: requestSuggestions)
        api.get("offers", ":key", "suggestions", use: offerSuggestions)
        api.get("requests", ":key", "fit", use: requestFit)
        api.get("offers", ":key", "fit", use: offerFit)
        let pages = routes.pages.access(.signedIn)
        pages.get("requests", ":key", "suggestions", use: requestPage)
        pages.get("offers", ":key", "suggestions", use: offerPage)
    }

    // MARK: JSON

    @Sendable func requestSuggestions(req: Request) async throws -> Response {
        Self.json(try await req.context.suggestions.forRequest(try req.key(), limit: try Suggestions.limit(req.query["limit"])))
    }

    @Sendable func offerSuggestions(req: Request) async throws -> Response {
        Self.json(try await req.context.suggestions.forOffer(try req.key(), limit: try Suggestions.limit(req.query["limit"])))
    }

    /// The answer's JSON, encoded once per state of the index.
    static func json(_ answer: MatchingIndex.Answer) -> Response {
        Response(status: .ok, headers: ["Content-Type": "application/json; charset=utf-8"], body: .init(buffer: answer.json))
    }

    @Sendable func requestFit(req: Request) async throws -> PairFitListDTO {
        try await req.context.suggestions.fit(request: try req.key(), host: try Self.required(req, "host"))
    }

    @Sendable func offerFit(req: Request) async throws -> PairFitListDTO {
        try await req.context.suggestions.fit(offer: try req.key(), visitor: try Self.required(req, "visitor"))
    }

    static func required(_ req: Request, _ name: String) throws(AppError) -> String {
        guard let value: String = req.query[name], !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .badQuery(name, "required", "name the organisation: ?\(name)=KEY or its name")
        }
        return value.trimmingCharacters(in: .whitespaces)
    }

    // MARK: Pages

    /// One suggestion as a card: the view model with its figures written for people.
    struct Card {
        let suggestion: SuggestionDTO
        let scorePercent: Int
        let lumpSum: String?
        /// The parts as table rows with their bars, written in Swift (`HTML`): ten cards of eight
        /// rows were most of this page's time in Leaf.
        let partsHTML: String
        let hostCountryName: String
        /// "1–5 March 2027".
        let stay: String
    }

    struct FitView: Encodable {
        let organisation: String
        let result: PairFitListDTO?
        /// The result's pairs with their fit out of 100, as the list above shows scores.
        let pairs: [FitPair]
        let error: String?
    }

    struct FitPair: Encodable {
        let pair: PairFitDTO
        let scorePercent: Int
    }

    struct SuggestionsView: Encodable {
        /// "request" (hosts are suggested) or "offer" (visitors are).
        let side: String
        let key: String
        let title: String
        let cardCount: Int
        /// The cards' `<li>`s, written in Swift (`SuggestionCards`).
        let cardsHTML: String
        let otherSide: String
        let fit: FitView?
        /// The organisations of the list, to choose from in "Why not a given …?".
        let names: [String]

        init(side: String, key: String, title: String, cards: [Card], otherSide: String, fit: FitView?) {
            self.side = side
            self.key = key
            self.title = title
            cardCount = cards.count
            var seen = Set<String>()
            names = cards.map { side == "request" ? $0.suggestion.hostName : $0.suggestion.visitorName }
                .filter { seen.insert($0).inserted }
            cardsHTML = SuggestionCards.html(cards, side: side, key: key)
            self.otherSide = otherSide
            self.fit = fit
        }
    }

    @Sendable func requestPage(req: Request) async throws -> Response {
        let context = req.context
        let key = try req.key()
        let host: String? = req.query["host"]
        // An explanation asked for may say "cannot be explained right now": such a page is not kept.
        return try await req.rememberedPage(if: host == nil) {
            let request = try await context.suggestions.managedRequestTitle(key)
            let list = try await context.suggestions.forManagedRequest(key, limit: 10).list
            let fit = await Self.fitView(host) { try await context.suggestions.fit(request: key, host: $0) }
            let view = SuggestionsView(
                side: "request", key: key, title: request, cards: list.suggestions.map(Self.card), otherSide: "host", fit: fit)
            return ("suggestions", "Hosts for \(request)", view)
        }
    }

    @Sendable func offerPage(req: Request) async throws -> Response {
        let context = req.context
        let key = try req.key()
        let visitor: String? = req.query["visitor"]
        // An explanation asked for may say "cannot be explained right now": such a page is not kept.
        return try await req.rememberedPage(if: visitor == nil) {
            let offer = try await context.suggestions.managedOfferTitle(key)
            let list = try await context.suggestions.forManagedOffer(key, limit: 10).list
            let fit = await Self.fitView(visitor) { try await context.suggestions.fit(offer: key, visitor: $0) }
            let view = SuggestionsView(
                side: "offer", key: key, title: offer, cards: list.suggestions.map(Self.card), otherSide: "visitor", fit: fit)
            return ("suggestions", "Visitors for \(offer)", view)
        }
    }

    /// The explanation for the organisation the person named, or the problem with the name.
    static func fitView(_ name: String?, _ load: (String) async throws -> PairFitListDTO) async -> FitView? {
        guard let name = name?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { return nil }
        do {
            let result = try await load(name)
            return FitView(
                organisation: name, result: result,
                pairs: result.pairs.map { FitPair(pair: $0, scorePercent: Int(($0.score * 100).rounded())) }, error: nil)
        } catch let error as AppError {
            return FitView(organisation: name, result: nil, pairs: [], error: error.inWords)
        } catch {
            return FitView(organisation: name, result: nil, pairs: [], error: "That organisation cannot be explained right now.")
        }
    }

    static func card(_ suggestion: SuggestionDTO) -> Card {
        let p = suggestion.parts
        let parts: [(String, Double)] = [
            ("Text", p.text), ("Topics", p.topics), ("Sector", p.sector), ("Purposes", p.purposes),
            ("Languages", p.languages), ("Country", p.country), ("Dates", p.dates), ("Distance", p.distance),
        ]
        return Card(
            suggestion: suggestion, scorePercent: Int((suggestion.score * 100).rounded()),
            lumpSum: suggestion.lumpSumCents.map { Money.format(cents: $0, currency: "EUR") },
            partsHTML: parts.map { label, share in
                let percent = Int((share * 100).rounded())
                return "<tr><th scope=\"row\">\(HTML.escape(label))</th><td><svg class=\"bar\" viewBox=\"0 0 100 10\" "
                    + "preserveAspectRatio=\"none\" role=\"img\" aria-label=\"\(percent)%\"><rect width=\"\(percent)\" "
                    + "height=\"10\"/></svg></td><td>\(percent)</td></tr>"
            }.joined(),
            hostCountryName: CountryCode(suggestion.hostCountry).map { CountryRegistry.cosme.name(of: $0) }
                ?? suggestion.hostCountry,
            stay: CalendarDate.span(suggestion.stay.start, suggestion.stay.end))
    }
}
