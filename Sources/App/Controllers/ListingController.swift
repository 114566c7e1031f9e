import ProgrammeRules
import Vapor

/// Publishing, changing and withdrawing hosting offers and visiting requests.
struct ListingController: Controller {
    func boot(_ routes: Surfaces) {
        let api = routes.api.access(.signedIn)
        api.post("organisations", ":key", "offers", use: createOffer)
        api.put("offers", ":key", use: updateOffer)
        api.delete("offers", ":key", use: deleteOffer)
        api.post("organisations", ":key", "requests", use: createRequest)
        api.put("requests", ":key", use: updateRequest)
        api.delete("requests", ":key", use: deleteRequest)
        let pages = routes.pages.access(.signedIn)
        pages.get("organisations", ":key", "offers", "new", use: offerForm)
        pages.post("organisations", ":key", "offers", use: createOfferPage)
        pages.get("organisations", ":key", "requests", "new", use: requestForm)
        pages.post("organisations", ":key", "requests", use: createRequestPage)
        pages.get("offers", ":key", "edit", use: editOfferForm)
        pages.post("offers", ":key", "edit", use: editOfferPage)
        pages.get("requests", ":key", "edit", use: editRequestForm)
        pages.post("requests", ":key", "edit", use: editRequestPage)
        pages.get("offers", ":key", "withdraw", use: withdrawOfferForm)
        pages.post("offers", ":key", "withdraw", use: withdrawOfferPage)
        pages.get("requests", ":key", "withdraw", use: withdrawRequestForm)
        pages.post("requests", ":key", "withdraw", use: withdrawRequestPage)
    }

    // MARK: JSON

    @Sendable func createOffer(req: Request) async throws -> Response {
        let offer = try await req.context.listings.createOffer(for: try req.key(), try req.input(OfferInput.self))
        return try await req.created(offer, at: "/api/v1/offers/\(offer.key)")
    }

    @Sendable func updateOffer(req: Request) async throws -> OfferDTO {
        try await req.context.listings.updateOffer(try req.key(), try req.input(OfferInput.self))
    }

    @Sendable func deleteOffer(req: Request) async throws -> HTTPStatus {
        try await req.context.listings.delete(Offer.self, try req.key())
        return .noContent
    }

    @Sendable func createRequest(req: Request) async throws -> Response {
        let request = try await req.context.listings.createRequest(for: try req.key(), try req.input(RequestInput.self))
        return try await req.created(request, at: "/api/v1/requests/\(request.key)")
    }

    @Sendable func updateRequest(req: Request) async throws -> RequestDTO {
        try await req.context.listings.updateRequest(try req.key(), try req.input(RequestInput.self))
    }

    @Sendable func deleteRequest(req: Request) async throws -> HTTPStatus {
        try await req.context.listings.delete(VisitRequest.self, try req.key())
        return .noContent
    }
}
