import Vapor

/// What the registration form shows besides what is typed.
struct RegistrationFormData: Content {
    let organisation: OrganisationSummary
    /// The registration so far, if any.
    let registration: RegistrationDTO?
    /// The partnerships that fit the organisation best, with the reasons.
    let suggestions: [PartnershipSuggestion]
    let partnerships: [PartnershipDTO]
}
