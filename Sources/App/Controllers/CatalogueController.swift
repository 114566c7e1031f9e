import ProgrammeRules
import Vapor

/// The catalogue: partnerships, organisations, hosting offers and visiting requests, as pages
/// and as JSON, from the same service calls.
struct CatalogueController: Controller {
    func boot(_ routes: Surfaces) {
        let api = routes.api.access(.anyone)
        api.get("partnerships", use: partnerships)
        api.get("partnerships", ":key", use: partnership)
        api.get("organisations", use: organisations)
        api.get("organisations", ":key", use: organisation)
        api.get("offers", use: offers)
        api.get("offers", ":key", use: offer)
        api.get("requests", use: requests)
        api.get("requests", ":key", use: request)
        let pages = routes.pages.access(.anyone)
        pages.get("catalogue", use: cataloguePage)
        pages.get("partnerships", use: partnershipsPage)
        pages.get("partnerships", ":key", use: partnershipPage)
        pages.get("organisations", ":key", use: organisationPage)
        pages.get("offers", ":key", use: offerPage)
        pages.get("requests", ":key", use: requestPage)
        routes.pages.access(.roles([.coordinator, .admin])).get("catalogue.csv", use: csv)
    }

    // MARK: JSON

    @Sendable func partnerships(req: Request) async throws -> [PartnershipDTO] {
        try await req.context.catalogue.partnerships()
    }

    @Sendable func partnership(req: Request) async throws -> PartnershipDetail {
        try await req.context.catalogue.partnership(try req.key())
    }

    @Sendable func organisations(req: Request) async throws -> ListPage<OrganisationSummary> {
        try await req.context.catalogue.organisations(try CatalogueFilter(query: req.query)).page
    }

    @Sendable func organisation(req: Request) async throws -> OrganisationDetail {
        try await req.context.catalogue.organisation(try req.key())
    }

    @Sendable func offers(req: Request) async throws -> ListPage<OfferDTO> {
        try await req.context.catalogue.listings(Offer.self, try CatalogueFilter(query: req.query)).page
    }

    @Sendable func offer(req: Request) async throws -> OfferDTO {
        try await req.context.catalogue.listing(Offer.self, try req.key()).listing
    }

    @Sendable func requests(req: Request) async throws -> ListPage<RequestDTO> {
        try await req.context.catalogue.listings(VisitRequest.self, try CatalogueFilter(query: req.query)).page
    }

    @Sendable func request(req: Request) async throws -> RequestDTO {
        try await req.context.catalogue.listing(VisitRequest.self, try req.key()).listing
    }

    // MARK: Pages

    struct CatalogueView: Encodable {
        let tab: String
        let filter: FilterValues
        /// The filters' options as markup (`HTML`): Leaf would spend more on them than on the rest.
        let countryOptions: String
        let sectorOptions: String
        let kindOptions: String
        let purposeOptions: String
        let partnershipOptions: String
        let orderOptions: String
        /// The listed organisations, offers or requests as cards, in markup (`CatalogueCard`).
        let cardsHTML: String
        let total: Int
        let previousPage: String?
        let nextPage: String?
        /// "Page 2 of 54", and the pages to jump to (the first, the last and the two around this one).
        let pageSummary: String?
        let pages: [PageLink]
        /// The same search in each tab.
        let tabLinks: [String: String]
        let errors: [String: String]
        /// The words searched instead of a typo.
        let searchedFor: String?
        /// On no result: a spelling to try, and the other tabs where the same search finds something.
        let didYouMean: String?
        let didYouMeanLink: String?
        let elsewhere: [Elsewhere]
        /// The list as CSV, for coordinators and the support office; nil for others.
        let csvLink: String?
    }

    struct PageLink: Encodable, Equatable {
        let number: Int
        /// Nil for this page and for a gap ("…").
        let link: String?
        let isCurrent: Bool
        let isGap: Bool
    }

    /// The page numbers a pager shows: 1, …, n-2 to n+2, …, last.
    static func pageLinks(current: Int, count: Int, link: (Int) -> String) -> [PageLink] {
        guard count > 1 else { return [] }
        // A page asked beyond the last (`?page=100` of 54) must not make an empty range: Swift traps.
        let here = min(max(current, 1), count)
        let shown = Set([1, count] + Array(max(1, here - 2)...min(count, here + 2))).sorted()
        var links: [PageLink] = []
        for (index, number) in shown.enumerated() {
            if index > 0, number - shown[index - 1] > 1 {
                links.append(PageLink(number: 0, link: nil, isCurrent: false, isGap: true))
            }
            links.append(
                PageLink(number: number, link: number == current ? nil : link(number), isCurrent: number == current, isGap: false)
            )
        }
        return links
    }

    struct Elsewhere: Encodable {
        let label: String
        let link: String
        /// What follows it in the sentence: ", ", " and " or nothing.
        var then = ""
    }

    struct FilterValues: Encodable {
        let q: String
        let sector: String
        let topic: String
        let language: String
    }

    @Sendable func cataloguePage(req: Request) async throws -> Response {
        let context = req.context
        let requestedTab = req.query[String.self, at: "tab"] ?? ""
        let tab = ["organisations", "offers", "requests"].contains(requestedTab) ? requestedTab : "organisations"
        var errors: [String: String] = [:]
        var filter = CatalogueFilter()
        var organisations: ListPage<OrganisationSummary>?
        var offers: ListPage<OfferDTO>?
        var requests: ListPage<RequestDTO>?
        var total = 0
        var pageCount = 1
        var searchedFor: String?
        var didYouMean: String?
        var status = HTTPResponseStatus.ok
        do {
            filter = try CatalogueFilter(query: req.query)
            switch tab {
            case "offers":
                let answer = try await context.catalogue.listings(Offer.self, filter)
                (offers, total, pageCount, searchedFor, didYouMean) =
                    (answer.page, answer.page.total, answer.page.pageCount, answer.searchedFor, answer.didYouMean)
            case "requests":
                let answer = try await context.catalogue.listings(VisitRequest.self, filter)
                (requests, total, pageCount, searchedFor, didYouMean) =
                    (answer.page, answer.page.total, answer.page.pageCount, answer.searchedFor, answer.didYouMean)
            default:
                let answer = try await context.catalogue.organisations(filter)
                (organisations, total, pageCount, searchedFor, didYouMean) =
                    (answer.page, answer.page.total, answer.page.pageCount, answer.searchedFor, answer.didYouMean)
            }
        } catch let error as AppError where !error.problems.isEmpty {
            errors = error.fieldMessages
            status = error.status
        }
        let partnerships = try await context.catalogue.partnershipNames()
        let link = { (tab: String, number: Int) -> String in "/catalogue?tab=\(tab)&" + filter.queryString(page: number) }
        var elsewhere: [Elsewhere] = []
        if total == 0, errors.isEmpty, filter != CatalogueFilter() {
            let found = try await otherTabs(than: tab, filter, context)
            elsewhere = found.enumerated().map { index, tab in
                Elsewhere(
                    label: "\(tab.1) \(Self.tabNoun(tab.0, tab.1))", link: link(tab.0, 1),
                    then: index == found.count - 2 ? " and " : "")
            }
        }
        var suggested = filter
        suggested.q = didYouMean
        let blurbs = try await context.catalogue.blurbs(of: organisations?.items.map(\.key) ?? [])
        let view = CatalogueView(
            tab: tab,
            filter: FilterValues(
                q: filter.q ?? "", sector: filter.sector ?? "", topic: filter.topic ?? "", language: filter.language ?? ""),
            countryOptions: FilterOptions.countries(on: context.clock.today, selected: filter.country),
            sectorOptions: FilterOptions.sectors(selected: filter.sector),
            kindOptions: FilterOptions.kinds(selected: filter.kind),
            purposeOptions: FilterOptions.purposes(selected: filter.purpose),
            partnershipOptions: HTML.options(
                partnerships.map { Choice(value: $0.key, label: $0.name, selected: filter.partnership == $0.key) }),
            orderOptions: HTML.options(
                CatalogueOrder.allCases.map { Choice(value: $0.rawValue, label: $0.label, selected: filter.order == $0) }),
            cardsHTML: CatalogueCard.html(
                (organisations?.items.map { CatalogueCard($0, blurb: blurbs[$0.key]) } ?? [])
                    + (offers?.items.map(CatalogueCard.init) ?? [])
                    + (requests?.items.map(CatalogueCard.init) ?? [])),
            total: total,
            previousPage: filter.page > 1 ? link(tab, filter.page - 1) : nil,
            nextPage: filter.page < pageCount ? link(tab, filter.page + 1) : nil,
            pageSummary: pageCount > 1 ? "Page \(filter.page) of \(pageCount)" : nil,
            pages: Self.pageLinks(current: filter.page, count: pageCount) { link(tab, $0) },
            tabLinks: Dictionary(uniqueKeysWithValues: ["organisations", "offers", "requests"].map { ($0, link($0, 1)) }),
            errors: errors, searchedFor: searchedFor, didYouMean: didYouMean,
            didYouMeanLink: didYouMean.map { _ in "/catalogue?tab=\(tab)&" + suggested.queryString(page: 1) },
            elsewhere: elsewhere,
            csvLink: (context.caller?.isAdmin == true || context.caller?.isCoordinator == true)
                ? "/catalogue.csv?tab=\(tab)&" + filter.queryString(page: 1) : nil)
        return try await req.page("catalogue", title: "Catalogue", view, status: status)
    }

    /// `/catalogue.csv?tab=…&…`: the whole filtered list, for coordinators and the support office.
    @Sendable func csv(req: Request) async throws -> Response {
        let requested = req.query[String.self, at: "tab"] ?? ""
        let tab = ["organisations", "offers", "requests"].contains(requested) ? requested : "organisations"
        let text = try await req.context.catalogueExport.csv(tab: tab, try CatalogueFilter(query: req.query))
        return Download.csv(text, filename: "clusterxchange-\(tab).csv")
    }

    /// How many the same search finds in the other tabs, those with any.
    private func otherTabs(than tab: String, _ filter: CatalogueFilter, _ context: ServiceContext) async throws -> [(String, Int)]
    {
        var found: [(String, Int)] = []
        var one = filter
        one.page = 1
        one.per = 0
        for other in ["organisations", "offers", "requests"] where other != tab {
            let count: Int
            switch other {
            case "offers": count = try await context.catalogue.listings(Offer.self, one).page.total
            case "requests": count = try await context.catalogue.listings(VisitRequest.self, one).page.total
            default: count = try await context.catalogue.organisations(one).page.total
            }
            if count > 0 { found.append((other, count)) }
        }
        return found
    }

    static func tabNoun(_ tab: String, _ count: Int) -> String {
        switch tab {
        case "offers": count == 1 ? "hosting offer" : "hosting offers"
        case "requests": count == 1 ? "visiting request" : "visiting requests"
        default: count == 1 ? "organisation" : "organisations"
        }
    }

    @Sendable func partnershipsPage(req: Request) async throws -> Response {
        try await req.page("partnerships", title: "Partnerships", try await req.context.catalogue.partnerships())
    }

    struct PartnershipView: Encodable {
        let key: String
        let name: String
        let description: String
        let targetExchanges: Int
        let memberCount: Int
        let budget: String
        let sectors: [String]
        let countries: String
        let memberCountries: String
        /// The reader coordinates it (or is the support office): its ledger is theirs to read.
        let seesBudget: Bool
        /// The member cluster organisations as `<li>`s, written in Swift (a list Leaf was slow to fill).
        let clusters: String
        /// Its coordinators: the people newcomers and applicants write to.
        let contacts: [Catalogue.Contact]
    }

    @Sendable func partnershipPage(req: Request) async throws -> Response {
        let context = req.context
        let detail = try await context.catalogue.partnership(try req.key())
        let partnership = detail.partnership
        let name = { (code: String) in CountryCode(code).map { CountryRegistry.cosme.name(of: $0) } ?? code }
        var clusters = ""
        for cluster in detail.clusters {
            clusters += "<li><a href=\"/organisations/\(HTML.escape(cluster.key))\">\(HTML.escape(cluster.name))</a>"
            clusters += " (\(HTML.escape(cluster.city)), \(HTML.escape(cluster.countryName)))</li>"
        }
        let view = PartnershipView(
            key: partnership.key, name: partnership.name, description: partnership.description,
            targetExchanges: partnership.targetExchanges, memberCount: partnership.memberCount,
            budget: Money.format(cents: partnership.budgetCents, currency: "EUR"),
            sectors: partnership.sectors.map { NACECode($0)?.label ?? $0 },
            countries: partnership.countries.map(name).sorted().joined(separator: ", "),
            memberCountries: detail.memberCountries.map(name).sorted().joined(separator: ", "),
            seesBudget: try await context.catalogue.seesBudget(of: partnership.key), clusters: clusters,
            contacts: try await context.catalogue.contacts(ofPartnership: partnership.key))
        return try await req.page("partnership", title: partnership.name, view)
    }

    @Sendable func organisationPage(req: Request) async throws -> Response {
        let key = try req.key()
        let detail = try await req.context.catalogue.organisation(key)
        let published =
            detail.publishedItems == 0
            ? (news: [], events: []) : try await req.context.publications.ofOrganisation(key, name: detail.organisation.name)
        return try await req.page(
            "organisation", title: detail.organisation.name,
            OrganisationPage(detail, news: published.news, events: published.events))
    }

    @Sendable func offerPage(req: Request) async throws -> Response {
        let detail = try await req.context.catalogue.listing(Offer.self, try req.key())
        return try await req.page("offer", title: detail.listing.title, ListingPage<OfferDTO>.offer(detail))
    }

    @Sendable func requestPage(req: Request) async throws -> Response {
        let detail = try await req.context.catalogue.listing(VisitRequest.self, try req.key())
        return try await req.page("request", title: detail.listing.title, ListingPage<RequestDTO>.request(detail))
    }
}
