import Vapor

/// What the registration form shows besides what is typed.
struct RegistrationFormData: Content {
    let organisation: OrganisationSummary
    /// The registration so far, if any.
    let registration: RegistrationDTO?
    /// The partnerships that fit the organisation best, with the reasons.
    let suggestions: [PartnershipSuggestion]
    let partnerships: [PartnershipDTO]
    /// An SME without a cluster: it may host, but visits only as a cluster's member.
    var needsCluster = false
}

extension RegistrationFormData {
    /// The partnership to preselect: only one that fits by more than the country and better than
    /// every other, so that a hurried person is never steered to one of several equal guesses.
    var clearBestFit: String? {
        guard let best = suggestions.first, best.score > 1 else { return nil }
        if let second = suggestions.dropFirst().first, second.score >= best.score { return nil }
        return best.key
    }
}
