import ProgrammeRules
import Vapor

/// A new organisation, as the API and the form send it.
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
}

/// A registration as visitor and/or host.
struct RegistrationInput: Content {
    var asVisitor: Bool?
    var asHost: Bool?
    var motivation: String?
    var preferences: String?
    var partnership: String?
}

struct DecisionInput: Content {
    var decision: String?
    var reason: String?
}

struct RegistrationDTO: Content {
    let id: UUID
    let organisation: OrganisationSummary
    let partnership: String
    let asVisitor: Bool
    let asHost: Bool
    let motivation: String
    let preferences: String
    let hasCV: Bool
    let status: String
    let reason: String?
    let submittedBy: String
    let updatedAt: Date?

    init(_ r: Registration) throws {
        id = try r.requireID()
        organisation = OrganisationSummary(r.organisation)
        partnership = r.partnership.key
        asVisitor = r.asVisitor
        asHost = r.asHost
        motivation = r.motivation
        preferences = r.preferences
        hasCV = r.$cv.id != nil
        status = r.status.rawValue
        reason = r.reason
        submittedBy = r.user.name
        updatedAt = r.updatedAt
    }
}

struct PartnershipSuggestion: Content {
    let key: String
    let name: String
    let score: Int
    let reasons: [String]
}
