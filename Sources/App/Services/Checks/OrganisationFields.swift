import ProgrammeRules

/// An organisation's profile, checked (`OrganisationChecks.fields`); the cluster it names is
/// resolved by whoever writes it (a service against the database, the import against its file).
struct OrganisationFields: Sendable {
    let name: String
    let kind: OrganisationKind
    let city: City
    let sectors: [String]
    let topics: [String]
    let languages: [String]
    let description: String
    let website: String?
    /// The cluster's key as given, if any.
    let cluster: String?
}
