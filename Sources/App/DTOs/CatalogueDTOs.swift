import ProgrammeRules
import Vapor

/// A list page of the catalogue: the items, where we are and how many there are.
struct ListPage<Item: Content>: Content {
    let items: [Item]
    let page: Int
    let per: Int
    let total: Int
    var pageCount: Int { max(1, (total + per - 1) / per) }

    enum CodingKeys: String, CodingKey { case items, page, per, total, pageCount }

    init(items: [Item], page: Int, per: Int, total: Int) {
        self.items = items
        self.page = page
        self.per = per
        self.total = total
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        items = try c.decode([Item].self, forKey: .items)
        page = try c.decode(Int.self, forKey: .page)
        per = try c.decode(Int.self, forKey: .per)
        total = try c.decode(Int.self, forKey: .total)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(items, forKey: .items)
        try c.encode(page, forKey: .page)
        try c.encode(per, forKey: .per)
        try c.encode(total, forKey: .total)
        try c.encode(pageCount, forKey: .pageCount)
    }
}

struct PartnershipDTO: Content {
    let key: String
    let name: String
    let description: String
    let countries: [String]
    let sectors: [String]
    let budgetCents: Int
    let targetExchanges: Int
    let memberCount: Int

    init(_ p: Partnership, memberCount: Int) {
        key = p.key
        name = p.name
        description = p.description
        countries = p.countries
        sectors = p.sectors
        budgetCents = p.budgetCents
        targetExchanges = p.targetExchanges
        self.memberCount = memberCount
    }
}

/// An organisation in a list or as the host or visitor of an offer or a request.
struct OrganisationSummary: Content {
    let key: String
    let name: String
    let kind: String
    let kindName: String
    let country: String
    let countryName: String
    let city: String

    init(_ o: Organisation) {
        key = o.key
        name = o.name
        kind = o.kind
        kindName = o.organisationKind?.displayName ?? o.kind
        country = o.country
        countryName = CountryCode(o.country).map(CountryRegistry.cosme.name(of:)) ?? o.country
        city = o.city
    }
}

struct OrganisationDTO: Content {
    let key: String
    let name: String
    let kind: String
    let kindName: String
    let country: String
    let countryName: String
    let city: String
    let latitude: Double
    let longitude: Double
    let sectors: [String]
    let topics: [String]
    let languages: [String]
    let description: String
    let website: String?
    let partnership: String?
    let cluster: String?
    let validationStatus: String

    init(_ o: Organisation, partnershipKey: String?, clusterKey: String?) {
        let summary = OrganisationSummary(o)
        key = o.key
        name = o.name
        kind = o.kind
        kindName = summary.kindName
        country = o.country
        countryName = summary.countryName
        city = o.city
        latitude = o.latitude
        longitude = o.longitude
        sectors = o.sectors
        topics = o.topics
        languages = o.languages
        description = o.description
        website = o.website
        partnership = partnershipKey
        cluster = clusterKey
        validationStatus = o.validationStatus.rawValue
    }
}

struct OfferDTO: Content {
    let key: String
    let host: OrganisationSummary
    let title: String
    let description: String
    let purposes: [String]
    let topics: [String]
    let languages: [String]
    let availableFrom: String
    let availableTo: String
    let capacity: Int
    let virtual: Bool

    init(_ o: Offer, host: Organisation) {
        key = o.key
        self.host = OrganisationSummary(host)
        title = o.title
        description = o.description
        purposes = o.purposes
        topics = o.topics
        languages = o.languages
        availableFrom = o.availableFrom
        availableTo = o.availableTo
        capacity = o.capacity
        virtual = o.isVirtual
    }
}

struct RequestDTO: Content {
    let key: String
    let visitor: OrganisationSummary
    let title: String
    let description: String
    let purposes: [String]
    let topics: [String]
    let languages: [String]
    let preferredCountries: [String]
    let earliest: String
    let latest: String
    let workingDays: Int

    init(_ r: VisitRequest, visitor: Organisation) {
        key = r.key
        self.visitor = OrganisationSummary(visitor)
        title = r.title
        description = r.description
        purposes = r.purposes
        topics = r.topics
        languages = r.languages
        preferredCountries = r.preferredCountries
        earliest = r.earliest
        latest = r.latest
        workingDays = r.workingDays
    }
}
