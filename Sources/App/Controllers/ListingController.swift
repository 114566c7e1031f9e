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

    // MARK: Pages

    /// The form's fields as typed: lists as comma-separated text, numbers as text.
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

        /// A number as typed; text that is not one is out of every range, so the form says so.
        static func number(_ text: String?) -> Int? {
            guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return Int(text) ?? Int.min
        }

        var offer: OfferInput {
            OfferInput(
                title: title, description: description, purposes: purposes, topics: InputChecker.commaSeparated(topics),
                availableFrom: availableFrom, availableTo: availableTo, capacity: Self.number(capacity),
                languages: InputChecker.commaSeparated(languages), virtual: false)
        }

        var request: RequestInput {
            RequestInput(
                title: title, description: description, purposes: purposes, topics: InputChecker.commaSeparated(topics),
                earliest: earliest, latest: latest, workingDays: Self.number(workingDays),
                preferredCountries: InputChecker.commaSeparated(preferredCountries),
                languages: InputChecker.commaSeparated(languages))
        }
    }

    struct ListingFormView: Encodable {
        let organisation: OrganisationSummary
        let isOffer: Bool
        let form: ListingForm
        let purposes: [Choice]
        let errors: [String: String]
    }

    @Sendable func offerForm(req: Request) async throws -> Response {
        try await render(req, isOffer: true, form: ListingForm(capacity: "1"), errors: [:])
    }

    @Sendable func requestForm(req: Request) async throws -> Response {
        try await render(req, isOffer: false, form: ListingForm(workingDays: "5"), errors: [:])
    }

    @Sendable func createOfferPage(req: Request) async throws -> Response {
        let form = try req.input(ListingForm.self)
        do {
            let offer = try await req.context.listings.createOffer(for: try req.key(), form.offer)
            return req.redirect(
                to: "/offers/\(offer.key)", flash: "Your hosting offer is published. See the visitors it suits below.")
        } catch let error as AppError where !error.problems.isEmpty {
            return try await render(req, isOffer: true, form: form, errors: error.fieldMessages, status: error.status)
        }
    }

    @Sendable func createRequestPage(req: Request) async throws -> Response {
        let form = try req.input(ListingForm.self)
        do {
            let request = try await req.context.listings.createRequest(for: try req.key(), form.request)
            return req.redirect(
                to: "/requests/\(request.key)", flash: "Your visiting request is published. See the hosts it suits below.")
        } catch let error as AppError where !error.problems.isEmpty {
            return try await render(req, isOffer: false, form: form, errors: error.fieldMessages, status: error.status)
        }
    }

    private func render(
        _ req: Request, isOffer: Bool, form: ListingForm, errors: [String: String], status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let organisation = try await req.context.organisations.summary(ofOwn: try req.key())
        let chosen = Set(form.purposes ?? [])
        let view = ListingFormView(
            organisation: organisation, isOffer: isOffer, form: form,
            purposes: Purpose.allCases.map {
                Choice(value: $0.rawValue, label: $0.displayName, selected: chosen.contains($0.rawValue))
            },
            errors: errors)
        return try await req.page(
            "listing-form", title: isOffer ? "Publish a hosting offer" : "Publish a visiting request", view, status: status)
    }
}
