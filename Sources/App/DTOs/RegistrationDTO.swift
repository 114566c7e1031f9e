import Vapor

/// A registration as its organisation and its partnership's coordinators see it.
struct RegistrationDTO: Content {
    let id: UUID
    let organisation: OrganisationSummary
    let partnership: String
    let partnershipName: String
    let asVisitor: Bool
    let asHost: Bool
    let motivation: String
    let preferences: String
    let hasCV: Bool
    let status: Registration.Status
    let reason: String?
    let submittedBy: String
    let updatedAt: Date?

    /// `registration` with its organisation, partnership and user loaded.
    init(_ registration: Registration) throws {
        id = try registration.requireID()
        organisation = OrganisationSummary(registration.organisation)
        partnership = registration.partnership.key
        partnershipName = registration.partnership.name
        asVisitor = registration.asVisitor
        asHost = registration.asHost
        motivation = registration.motivation
        preferences = registration.preferences
        hasCV = registration.$cv.id != nil
        status = registration.status
        reason = registration.reason
        submittedBy = registration.user.name
        updatedAt = registration.updatedAt
    }
}
