import ProgrammeRules
import Vapor

/// An organisation's profile.
struct OrganisationDTO: Content {
    let key: String
    let name: String
    let kind: OrganisationKind
    let kindName: String
    let country: CountryCode
    let countryName: String
    let city: String
    let latitude: Double
    let longitude: Double
    let sectors: [String]
    let topics: [String]
    let languages: [String]
    let description: String
    let website: String?
    /// The partnership's key and name.
    let partnership: String?
    let partnershipName: String?
    /// For SMEs: the cluster organisation's key and name.
    let cluster: String?
    let clusterName: String?
    let validationStatus: Organisation.ValidationStatus
    /// It agrees to be named in others' digests of completed exchanges.
    let namedInNews: Bool
    /// Where its logo is read (`/organisations/KEY/logo?v=…`); nil when it has none.
    let logo: String?

    init(_ o: Organisation, partnership: Partnership?, cluster: Organisation?) {
        self.init(
            o, partnership: partnership.map { (key: $0.key, name: $0.name) },
            cluster: cluster.map { (key: $0.key, name: $0.name) })
    }

    /// The same with the partnership's and the cluster's key and name only.
    init(_ o: Organisation, partnership: (key: String, name: String)?, cluster: (key: String, name: String)?) {
        key = o.key
        name = o.name
        kind = o.kind
        kindName = o.kind.displayName
        country = o.country
        countryName = CountryRegistry.cosme.name(of: o.country)
        city = o.city
        latitude = o.latitude
        longitude = o.longitude
        sectors = o.sectors
        topics = o.topics
        languages = o.languages
        description = o.description
        website = o.website
        self.partnership = partnership?.key
        partnershipName = partnership?.name
        self.cluster = cluster?.key
        clusterName = cluster?.name
        validationStatus = o.validationStatus
        namedInNews = o.namedInNews
        logo = o.logoID.map { Pictures.logoPath(key: o.key, file: $0) }
    }
}
