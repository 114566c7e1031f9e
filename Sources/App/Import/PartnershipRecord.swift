import ProgrammeRules

struct PartnershipRecord: Sendable {
    let line: Int
    let key: String
    let name: String
    let description: String
    let countries: [String]
    let sectors: [String]
    let budgetCents: Int
    let targetExchanges: Int
}
