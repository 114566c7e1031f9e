import Vapor

/// A partnership as the catalogue lists it.
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
