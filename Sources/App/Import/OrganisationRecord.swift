import ProgrammeRules

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
