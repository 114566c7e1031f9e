import ProgrammeRules
import Vapor

/// The pages of offers and requests: publishing, changing and withdrawing (after a confirmation).
extension ListingController {
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
        let heading: String
        let action: String
        let submitLabel: String
        let form: ListingForm
        let purposes: [Choice]
        let errors: [String: String]
        /// The participating countries' names, offered as the preferred countries are typed.
        let countryNames: [String]
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

    // MARK: Changing and withdrawing

    @Sendable func editOfferForm(req: Request) async throws -> Response {
        let offer = try await req.context.listings.own(Offer.self, try req.key())
        let form = ListingForm(
            title: offer.title, description: offer.description, purposes: offer.purposes.map(\.rawValue),
            topics: offer.topics.joined(separator: ", "),
            languages: offer.languages.map(LanguageCode.name).joined(separator: ", "),
            availableFrom: offer.availableFrom.description, availableTo: offer.availableTo.description,
            capacity: String(offer.capacity))
        return try await render(req, isOffer: true, form: form, errors: [:], editing: offer.key, owner: offer.host)
    }

    @Sendable func editOfferPage(req: Request) async throws -> Response {
        let key = try req.key()
        let form = try req.input(ListingForm.self)
        do {
            let offer = try await req.context.listings.updateOffer(key, form.offer)
            return req.redirect(to: "/offers/\(offer.key)", flash: "Your hosting offer is saved.")
        } catch let error as AppError where !error.problems.isEmpty {
            let owner = try await req.context.listings.own(Offer.self, key).host
            return try await render(
                req, isOffer: true, form: form, errors: error.fieldMessages, editing: key, owner: owner, status: error.status)
        }
    }

    @Sendable func editRequestForm(req: Request) async throws -> Response {
        let request = try await req.context.listings.own(VisitRequest.self, try req.key())
        let form = ListingForm(
            title: request.title, description: request.description, purposes: request.purposes.map(\.rawValue),
            topics: request.topics.joined(separator: ", "),
            languages: request.languages.map(LanguageCode.name).joined(separator: ", "),
            earliest: request.earliest.description, latest: request.latest.description,
            workingDays: String(request.workingDays),
            preferredCountries: request.preferredCountries.map { CountryRegistry.cosme.name(of: $0) }.joined(separator: ", "))
        return try await render(req, isOffer: false, form: form, errors: [:], editing: request.key, owner: request.visitor)
    }

    @Sendable func editRequestPage(req: Request) async throws -> Response {
        let key = try req.key()
        let form = try req.input(ListingForm.self)
        do {
            let request = try await req.context.listings.updateRequest(key, form.request)
            return req.redirect(to: "/requests/\(request.key)", flash: "Your visiting request is saved.")
        } catch let error as AppError where !error.problems.isEmpty {
            let owner = try await req.context.listings.own(VisitRequest.self, key).visitor
            return try await render(
                req, isOffer: false, form: form, errors: error.fieldMessages, editing: key, owner: owner, status: error.status)
        }
    }

    struct WithdrawView: Encodable {
        let isOffer: Bool
        let key: String
        let title: String
        let organisationName: String
    }

    @Sendable func withdrawOfferForm(req: Request) async throws -> Response {
        let offer = try await req.context.listings.own(Offer.self, try req.key())
        let view = WithdrawView(isOffer: true, key: offer.key, title: offer.title, organisationName: offer.host.name)
        return try await req.page("listing-withdraw", title: "Withdraw \(offer.title)?", view)
    }

    @Sendable func withdrawOfferPage(req: Request) async throws -> Response {
        let offer = try await req.context.listings.own(Offer.self, try req.key())
        try await req.context.listings.delete(Offer.self, offer.key)
        return req.redirect(
            to: "/organisations/\(offer.host.key)",
            flash: "“\(offer.title)” is withdrawn: no one finds it any more. Exchanges already proposed go on.")
    }

    @Sendable func withdrawRequestForm(req: Request) async throws -> Response {
        let request = try await req.context.listings.own(VisitRequest.self, try req.key())
        let view = WithdrawView(isOffer: false, key: request.key, title: request.title, organisationName: request.visitor.name)
        return try await req.page("listing-withdraw", title: "Withdraw \(request.title)?", view)
    }

    @Sendable func withdrawRequestPage(req: Request) async throws -> Response {
        let request = try await req.context.listings.own(VisitRequest.self, try req.key())
        try await req.context.listings.delete(VisitRequest.self, request.key)
        return req.redirect(
            to: "/organisations/\(request.visitor.key)",
            flash: "“\(request.title)” is withdrawn: no one finds it any more. Exchanges already proposed go on.")
    }

    private func render(
        _ req: Request, isOffer: Bool, form: ListingForm, errors: [String: String], editing key: String? = nil,
        owner: Organisation? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let organisation: OrganisationSummary
        if let owner {
            organisation = OrganisationSummary(owner)
        } else {
            organisation = try await req.context.organisations.summary(ofOwn: try req.key())
        }
        let chosen = Set(form.purposes ?? [])
        let noun = isOffer ? "hosting offer" : "visiting request"
        let view = ListingFormView(
            organisation: organisation, isOffer: isOffer,
            heading: key == nil ? "Publish a \(noun)" : "Change your \(noun)",
            action: key.map { "/\(isOffer ? "offers" : "requests")/\($0)/edit" }
                ?? "/organisations/\(organisation.key)/\(isOffer ? "offers" : "requests")",
            submitLabel: key == nil ? "Publish" : "Save the changes", form: form,
            purposes: Purpose.allCases.map {
                Choice(value: $0.rawValue, label: $0.displayName, selected: chosen.contains($0.rawValue))
            },
            errors: errors,
            countryNames: CountryRegistry.cosme.participating(on: req.context.clock.today).map(\.name).sorted())
        return try await req.page("listing-form", title: view.heading, view, status: status)
    }
}
