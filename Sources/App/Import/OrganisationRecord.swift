import ProgrammeRules

/// An organisation line of an import: its key, its checked profile and its partnership.
struct OrganisationRecord: Sendable {
    let line: Int
    let key: String
    let fields: OrganisationFields
    let partnership: String?

    var name: String { fields.name }
    var kind: OrganisationKind { fields.kind }
    var city: City { fields.city }
    var topics: [String] { fields.topics }
    var languages: [String] { fields.languages }
    var cluster: String? { fields.cluster }
}

extension OrganisationRecord {
    /// A record made by code (the demo), whose values need no checking.
    init(
        line: Int, key: String, name: String, kind: OrganisationKind, city: City, sectors: [String], topics: [String],
        description: String, languages: [String], website: String?, partnership: String?, cluster: String?
    ) {
        self.init(
            line: line, key: key,
            fields: OrganisationFields(
                name: name, kind: kind, city: city, sectors: sectors, topics: topics, languages: languages,
                description: description,
                website: website, cluster: cluster),
            partnership: partnership)
    }
}
