import Vapor

/// Suggestions and "why not" over the API.
struct SuggestionAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.access(.signedIn)
        signedIn.get("requests", ":key", "suggestions", use: requestSuggestions)
        signedIn.get("offers", ":key", "suggestions", use: offerSuggestions)
        signedIn.get("requests", ":key", "fit", use: requestFit)
        signedIn.get("offers", ":key", "fit", use: offerFit)
    }

    @Sendable func requestSuggestions(req: Request) async throws -> Response {
        Self.json(try await Suggestions.forRequest(try req.parameters.require("key"), limit: try Suggestions.limit(req.query["limit"]),
            viewer: try req.auth.require(User.self), on: req.db, index: req.matching))
    }

    @Sendable func offerSuggestions(req: Request) async throws -> Response {
        Self.json(try await Suggestions.forOffer(try req.parameters.require("key"), limit: try Suggestions.limit(req.query["limit"]),
            viewer: try req.auth.require(User.self), on: req.db, index: req.matching))
    }

    /// The answer's JSON, encoded once per state of the index.
    static func json(_ answer: MatchingIndex.Answer) -> Response {
        Response(status: .ok, headers: ["Content-Type": "application/json; charset=utf-8"], body: .init(buffer: answer.json))
    }

    @Sendable func requestFit(req: Request) async throws -> PairFitListDTO {
        try await Suggestions.fit(request: try req.parameters.require("key"), host: try Self.required(req, "host"),
            viewer: try req.auth.require(User.self), on: req.db, index: req.matching)
    }

    @Sendable func offerFit(req: Request) async throws -> PairFitListDTO {
        try await Suggestions.fit(offer: try req.parameters.require("key"), visitor: try Self.required(req, "visitor"),
            viewer: try req.auth.require(User.self), on: req.db, index: req.matching)
    }

    static func required(_ req: Request, _ name: String) throws -> String {
        guard let value: String = req.query[name], !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw InputProblem(field: name, rule: "required", "Name the organisation by its key: ?\(name)=KEY.", status: .badRequest)
        }
        return value.trimmingCharacters(in: .whitespaces)
    }
}
