import Fluent
import Vapor

/// The catalogue as JSON: `/api/v1/partnerships`, `/organisations`, `/offers`, `/requests`.
struct CatalogueAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.access(.anyone)
        open.get("partnerships", use: partnerships)
        open.get("partnerships", ":key", use: partnership)
        open.get("organisations", use: organisations)
        open.get("organisations", ":key", use: organisation)
        open.get("offers", use: offers)
        open.get("offers", ":key", use: offer)
        open.get("requests", use: requests)
        open.get("requests", ":key", use: request)
    }

    @Sendable func partnerships(req: Request) async throws -> [PartnershipDTO] {
        try await Catalogue.partnerships(on: req.db)
    }

    @Sendable func partnership(req: Request) async throws -> Catalogue.PartnershipDetail {
        try await Catalogue.partnership(try req.parameters.require("key"), on: req.db)
    }

    @Sendable func organisations(req: Request) async throws -> ListPage<OrganisationSummary> {
        let filter = try CatalogueFilter(query: req.query)
        return try await Catalogue.organisations(filter, on: req.db, index: try await req.searchIndex(filter)?.organisationIndex)
    }

    @Sendable func organisation(req: Request) async throws -> Catalogue.OrganisationDetail {
        try await Catalogue.organisation(try req.parameters.require("key"), viewer: req.auth.get(User.self), on: req.db)
    }

    @Sendable func offers(req: Request) async throws -> ListPage<OfferDTO> {
        let filter = try CatalogueFilter(query: req.query)
        return try await Catalogue.offers(filter, on: req.db, index: try await req.searchIndex(filter)?.offerIndex)
    }

    @Sendable func offer(req: Request) async throws -> OfferDTO {
        try await Catalogue.offer(try req.parameters.require("key"), viewer: req.auth.get(User.self), on: req.db)
    }

    @Sendable func requests(req: Request) async throws -> ListPage<RequestDTO> {
        let filter = try CatalogueFilter(query: req.query)
        return try await Catalogue.requests(filter, on: req.db, index: try await req.searchIndex(filter)?.requestIndex)
    }

    @Sendable func request(req: Request) async throws -> RequestDTO {
        try await Catalogue.request(try req.parameters.require("key"), viewer: req.auth.get(User.self), on: req.db)
    }
}
