import Fluent
import ProgrammeRules
import Vapor

/// Publishing, changing and withdrawing offers and requests through the API.
struct ListingAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.access(.signedIn)
        signedIn.post("organisations", ":key", "offers", use: createOffer)
        signedIn.put("offers", ":key", use: updateOffer)
        signedIn.delete("offers", ":key", use: deleteOffer)
        signedIn.post("organisations", ":key", "requests", use: createRequest)
        signedIn.put("requests", ":key", use: updateRequest)
        signedIn.delete("requests", ":key", use: deleteRequest)
    }

    @Sendable func createOffer(req: Request) async throws -> Response {
        let offer = try await Listings.createOffer(for: try req.parameters.require("key"), try req.content.decode(OfferInput.self),
                                                   by: try req.auth.require(User.self), on: req.db)
        let host = try await offer.$host.get(on: req.db)
        let response = try await OfferDTO(offer, host: host).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/offers/\(offer.key)")
        return response
    }

    @Sendable func updateOffer(req: Request) async throws -> OfferDTO {
        let offer = try await Listings.ownOffer(try req.parameters.require("key"), by: try req.auth.require(User.self), on: req.db)
        try Listings.apply(try req.content.decode(OfferInput.self), to: offer)
        try await offer.save(on: req.db)
        return OfferDTO(offer, host: offer.host)
    }

    @Sendable func deleteOffer(req: Request) async throws -> HTTPStatus {
        try await Listings.ownOffer(try req.parameters.require("key"), by: try req.auth.require(User.self), on: req.db).delete(on: req.db)
        return .noContent
    }

    @Sendable func createRequest(req: Request) async throws -> Response {
        let request = try await Listings.createRequest(for: try req.parameters.require("key"), try req.content.decode(RequestInput.self),
                                                       by: try req.auth.require(User.self), on: req.db)
        let visitor = try await request.$visitor.get(on: req.db)
        let response = try await RequestDTO(request, visitor: visitor).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/requests/\(request.key)")
        return response
    }

    @Sendable func updateRequest(req: Request) async throws -> RequestDTO {
        let request = try await Listings.ownRequest(try req.parameters.require("key"), by: try req.auth.require(User.self), on: req.db)
        try Listings.apply(try req.content.decode(RequestInput.self), to: request, visitorCountry: request.visitor.country)
        try await request.save(on: req.db)
        return RequestDTO(request, visitor: request.visitor)
    }

    @Sendable func deleteRequest(req: Request) async throws -> HTTPStatus {
        try await Listings.ownRequest(try req.parameters.require("key"), by: try req.auth.require(User.self), on: req.db).delete(on: req.db)
        return .noContent
    }
}

/// Publishing offers and requests in the browser.
struct ListingPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.access(.signedIn)
        signedIn.get("organisations", ":key", "offers", "new", use: offerForm)
        signedIn.post("organisations", ":key", "offers", use: createOffer)
        signedIn.get("organisations", ":key", "requests", "new", use: requestForm)
        signedIn.post("organisations", ":key", "requests", use: createRequest)
    }

    struct Choice: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct ListingForm: Content {
        var title: String?
        var description: String?
        var purposes: [String]?
        var topics: String?
        var languages: String?
        var availableFrom: String?
        var availableTo: String?
        var capacity: String?
        var earliest: String?
        var latest: String?
        var workingDays: String?
        var preferredCountries: String?

        static func split(_ text: String?) -> [String] { InputChecker.commaSeparated(text) }
    }

    struct ListingPage: Encodable {
        let layout: Layout
        let organisation: OrganisationSummary
        let isOffer: Bool
        let form: ListingForm
        let purposes: [Choice]
        let errors: [String: String]
    }

    @Sendable func offerForm(req: Request) async throws -> View {
        try await render(req, isOffer: true, form: ListingForm(capacity: "1"), errors: [:])
    }

    @Sendable func requestForm(req: Request) async throws -> View {
        try await render(req, isOffer: false, form: ListingForm(workingDays: "5"), errors: [:])
    }

    @Sendable func createOffer(req: Request) async throws -> Response {
        let form = try req.content.decode(ListingForm.self)
        let input = OfferInput(title: form.title, description: form.description, purposes: form.purposes, topics: ListingForm.split(form.topics),
                               availableFrom: form.availableFrom, availableTo: form.availableTo, capacity: form.capacity.flatMap { Int($0) } ?? 0,
                               languages: ListingForm.split(form.languages).map { $0.lowercased() }, virtual: false)
        do {
            let offer = try await Listings.createOffer(for: try req.parameters.require("key"), input, by: try req.auth.require(User.self), on: req.db)
            return req.redirect(to: "/offers/\(offer.key)")
        } catch let problem as InputProblem {
            return try await failed(req, problem, isOffer: true, form: form)
        }
    }

    @Sendable func createRequest(req: Request) async throws -> Response {
        let form = try req.content.decode(ListingForm.self)
        let input = RequestInput(title: form.title, description: form.description, purposes: form.purposes, topics: ListingForm.split(form.topics),
                                 earliest: form.earliest, latest: form.latest, workingDays: form.workingDays.flatMap { Int($0) } ?? 0,
                                 preferredCountries: ListingForm.split(form.preferredCountries).map { $0.uppercased() },
                                 languages: ListingForm.split(form.languages).map { $0.lowercased() })
        do {
            let request = try await Listings.createRequest(for: try req.parameters.require("key"), input, by: try req.auth.require(User.self), on: req.db)
            return req.redirect(to: "/requests/\(request.key)")
        } catch let problem as InputProblem {
            return try await failed(req, problem, isOffer: false, form: form)
        }
    }

    private func failed(_ req: Request, _ problem: InputProblem, isOffer: Bool, form: ListingForm) async throws -> Response {
        let errors = Dictionary(problem.problems.map { (String($0.field.prefix { $0 != "[" }), $0.message) }, uniquingKeysWith: { a, _ in a })
        let response = try await render(req, isOffer: isOffer, form: form, errors: errors).encodeResponse(for: req)
        response.status = problem.status
        return response
    }

    private func render(_ req: Request, isOffer: Bool, form: ListingForm, errors: [String: String]) async throws -> View {
        let organisation = try await Listings.ownOrganisation(try req.parameters.require("key"), by: try req.auth.require(User.self), on: req.db)
        let chosen = Set(form.purposes ?? [])
        let page = ListingPage(
            layout: req.layout(isOffer ? "Publish a hosting offer" : "Publish a visiting request"),
            organisation: OrganisationSummary(organisation), isOffer: isOffer, form: form,
            purposes: Purpose.allCases.map { Choice(value: $0.rawValue, label: $0.displayName, selected: chosen.contains($0.rawValue)) },
            errors: errors)
        return try await req.view.render("listing-form", page)
    }
}

