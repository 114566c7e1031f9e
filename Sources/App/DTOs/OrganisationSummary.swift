import ProgrammeRules
import Vapor

/// An organisation in a list or as the host or visitor of an offer or a request.
struct OrganisationSummary: Content {
    let key: String
    let name: String
    let kind: OrganisationKind
    let kindName: String
    let country: CountryCode
    let countryName: String
    let city: String

    init(key: String, name: String, kind: OrganisationKind, country: CountryCode, city: String) {
        self.key = key
        self.name = name
        self.kind = kind
        kindName = kind.displayName
        self.country = country
        countryName = CountryRegistry.cosme.name(of: country)
        self.city = city
    }

    init(_ o: Organisation) {
        key = o.key
        name = o.name
        kind = o.kind
        kindName = o.kind.displayName
        country = o.country
        countryName = CountryRegistry.cosme.name(of: o.country)
        city = o.city
    }
}
