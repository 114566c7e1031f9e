import Vapor

/// A partnership's page: the partnership, its member cluster organisations and where its members are.
struct PartnershipDetail: Content {
    let partnership: PartnershipDTO
    /// The member cluster organisations.
    let clusters: [OrganisationSummary]
    let memberCountries: [String]
}
