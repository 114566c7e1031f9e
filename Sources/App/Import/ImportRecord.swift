import ProgrammeRules

/// The records of docs/interfaces.md's JSON Lines import, checked field by field.
enum ImportRecord: Sendable {
    case partnership(PartnershipRecord)
    case organisation(OrganisationRecord)
    case offer(OfferRecord)
    case request(RequestRecord)

    var line: Int {
        switch self {
        case .partnership(let r): r.line
        case .organisation(let r): r.line
        case .offer(let r): r.line
        case .request(let r): r.line
        }
    }
}

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

struct OrganisationRecord: Sendable {
    let line: Int
    let key: String
    let name: String
    let kind: OrganisationKind
    let city: City
    let sectors: [String]
    let topics: [String]
    let description: String
    let languages: [String]
    let website: String?
    let partnership: String?
    let cluster: String?
}

struct OfferRecord: Sendable {
    let line: Int
    let key: String
    let host: String
    let title: String
    let description: String
    let purposes: [String]
    let topics: [String]
    let availableFrom: CalendarDate
    let availableTo: CalendarDate
    let capacity: Int
    let languages: [String]
    let isVirtual: Bool
}

struct RequestRecord: Sendable {
    let line: Int
    let key: String
    let visitor: String
    let title: String
    let description: String
    let purposes: [String]
    let topics: [String]
    let earliest: CalendarDate
    let latest: CalendarDate
    let workingDays: Int
    let preferredCountries: [String]
    let languages: [String]
}
