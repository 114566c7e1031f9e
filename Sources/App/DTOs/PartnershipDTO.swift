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

    init(
        key: String, name: String, description: String, countries: [String], sectors: [String], budgetCents: Int,
        targetExchanges: Int, memberCount: Int
    ) {
        self.key = key
        self.name = name
        self.description = description
        self.countries = countries
        self.sectors = sectors
        self.budgetCents = budgetCents
        self.targetExchanges = targetExchanges
        self.memberCount = memberCount
    }

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
