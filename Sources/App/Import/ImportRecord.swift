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
