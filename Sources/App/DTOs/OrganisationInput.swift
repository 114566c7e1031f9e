import Vapor

/// A new or changed organisation, as the API and the form send it.
struct OrganisationInput: Content {
    var name: String?
    var kind: String?
    var country: String?
    var city: String?
    var sectors: [String]?
    var topics: [String]?
    var description: String?
    var languages: [String]?
    var website: String?
    /// For SMEs: the key of the cluster organisation it belongs to.
    var cluster: String?
    /// Whether others' digests may name it in an exchange completed (unchanged when absent; no at first).
    var namedInNews: Bool?
}
