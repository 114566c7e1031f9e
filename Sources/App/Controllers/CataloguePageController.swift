import Fluent
import ProgrammeRules
import Vapor

/// The catalogue as pages: the same queries as the API, rendered with Leaf.
struct CataloguePageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.access(.anyone)
        open.get("catalogue", use: catalogue)
        open.get("partnerships", use: partnerships)
        open.get("partnerships", ":key", use: partnership)
        open.get("organisations", ":key", use: organisation)
        open.get("offers", ":key", use: offer)
        open.get("requests", ":key", use: request)
    }

    struct Option: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct CataloguePage: Encodable {
        let layout: Layout
        let tab: String
        let filter: FilterValues
        let countries: [Option]
        let kinds: [Option]
        let purposes: [Option]
        let partnerships: [Option]
        let organisations: ListPage<OrganisationSummary>?
        let offers: ListPage<OfferDTO>?
        let requests: ListPage<RequestDTO>?
        let total: Int
        let previousPage: String?
        let nextPage: String?
        let errors: [String: String]
    }

    struct FilterValues: Encodable {
        let q: String
        let sector: String
        let topic: String
        let language: String
    }

    @Sendable
    func catalogue(req: Request) async throws -> Response {
        let requestedTab: String? = req.query[String.self, at: "tab"]
        let tab: String = ["organisations", "offers", "requests"].contains(requestedTab ?? "") ? (requestedTab ?? "organisations") : "organisations"
        var errors: [String: String] = [:]
        var filter = CatalogueFilter()
        do {
            filter = try CatalogueFilter(query: req.query)
        } catch let problem as InputProblem {
            errors = Dictionary(problem.problems.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a })
        }
        var organisations: ListPage<OrganisationSummary>?
        var offers: ListPage<OfferDTO>?
        var requests: ListPage<RequestDTO>?
        var total = 0
        var pageCount = 1
        if errors.isEmpty {
            do {
                switch tab {
                case "offers":
                    offers = try await Catalogue.offers(filter, on: req.db, index: try await req.searchIndex(filter)?.offerIndex)
                    total = offers?.total ?? 0
                    pageCount = offers?.pageCount ?? 1
                case "requests":
                    requests = try await Catalogue.requests(filter, on: req.db, index: try await req.searchIndex(filter)?.requestIndex)
                    total = requests?.total ?? 0
                    pageCount = requests?.pageCount ?? 1
                default:
                    organisations = try await Catalogue.organisations(filter, on: req.db, index: try await req.searchIndex(filter)?.organisationIndex)
                    total = organisations?.total ?? 0
                    pageCount = organisations?.pageCount ?? 1
                }
            } catch let problem as InputProblem {
                errors = Dictionary(problem.problems.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a })
            }
        }
        let partnerships = try await Partnership.query(on: req.db).sort(\.$name).all()
        let currentFilter = filter
        let link = { (number: Int) -> String in "/catalogue?tab=\(tab)&" + currentFilter.queryString(page: number) }
        let page = CataloguePage(
            layout: req.layout("Catalogue"), tab: tab,
            filter: FilterValues(q: filter.q ?? "", sector: filter.sector ?? "", topic: filter.topic ?? "", language: filter.language ?? ""),
            countries: CountryRegistry.cosme.participating(on: CalendarDate.today(in: .gmt)).map {
                Option(value: $0.code.rawValue, label: $0.name, selected: filter.country == $0.code.rawValue)
            },
            kinds: OrganisationKind.allCases.map { Option(value: $0.rawValue, label: $0.displayName, selected: filter.kind == $0.rawValue) },
            purposes: Purpose.allCases.map { Option(value: $0.rawValue, label: $0.displayName, selected: filter.purpose == $0.rawValue) },
            partnerships: partnerships.map { Option(value: $0.key, label: $0.name, selected: filter.partnership == $0.key) },
            organisations: organisations, offers: offers, requests: requests, total: total,
            previousPage: filter.page > 1 ? link(filter.page - 1) : nil,
            nextPage: filter.page < pageCount ? link(filter.page + 1) : nil,
            errors: errors)
        let response = try await req.view.render("catalogue", page).encodeResponse(for: req)
        if !errors.isEmpty { response.status = .unprocessableEntity }
        return response
    }

    struct PartnershipsPage: Encodable {
        let layout: Layout
        let partnerships: [PartnershipDTO]
    }

    @Sendable
    func partnerships(req: Request) async throws -> View {
        try await req.view.render("partnerships", PartnershipsPage(layout: req.layout("Partnerships"), partnerships: try await Catalogue.partnerships(on: req.db)))
    }

    struct PartnershipPage: Encodable {
        let layout: Layout
        let detail: Catalogue.PartnershipDetail
        let budget: String
    }

    @Sendable
    func partnership(req: Request) async throws -> View {
        let detail = try await Catalogue.partnership(try req.parameters.require("key"), on: req.db)
        return try await req.view.render("partnership", PartnershipPage(
            layout: req.layout(detail.partnership.name), detail: detail,
            budget: Money.format(cents: detail.partnership.budgetCents, currency: "EUR")))
    }

    struct OrganisationPage: Encodable {
        let layout: Layout
        let detail: Catalogue.OrganisationDetail
        /// Signed in and not (yet) linked to it.
        let mayAskToJoin: Bool
    }

    @Sendable
    func organisation(req: Request) async throws -> View {
        let viewer = req.auth.get(User.self)
        let detail = try await Catalogue.organisation(try req.parameters.require("key"), viewer: viewer, on: req.db)
        var mayAskToJoin = false
        if let userID = viewer?.id, let organisationID = try await Organisation.query(on: req.db).filter(\.$key == detail.organisation.key).first()?.id {
            mayAskToJoin = try await Membership.query(on: req.db).filter(\.$user.$id == userID).filter(\.$organisation.$id == organisationID).first() == nil
        }
        return try await req.view.render("organisation", OrganisationPage(layout: req.layout(detail.organisation.name), detail: detail, mayAskToJoin: mayAskToJoin))
    }

    struct OfferPage: Encodable {
        let layout: Layout
        let offer: OfferDTO
        /// Whether the viewer manages the host, and so may see the suggested visitors.
        let maySeeSuggestions: Bool
    }

    @Sendable
    func offer(req: Request) async throws -> View {
        let viewer = req.auth.get(User.self)
        let offer = try await Catalogue.offer(try req.parameters.require("key"), viewer: viewer, on: req.db)
        let maySee = if let viewer { (try? await Suggestions.requireManagedOffer(offer.key, viewer: viewer, on: req.db)) != nil } else { false }
        return try await req.view.render("offer", OfferPage(layout: req.layout(offer.title), offer: offer, maySeeSuggestions: maySee))
    }

    struct RequestPage: Encodable {
        let layout: Layout
        let request: RequestDTO
        /// Whether the viewer manages the visitor, and so may see the suggested hosts.
        let maySeeSuggestions: Bool
    }

    @Sendable
    func request(req: Request) async throws -> View {
        let viewer = req.auth.get(User.self)
        let request = try await Catalogue.request(try req.parameters.require("key"), viewer: viewer, on: req.db)
        let maySee = if let viewer { (try? await Suggestions.requireManagedRequest(request.key, viewer: viewer, on: req.db)) != nil } else { false }
        return try await req.view.render("request", RequestPage(layout: req.layout(request.title), request: request, maySeeSuggestions: maySee))
    }
}
