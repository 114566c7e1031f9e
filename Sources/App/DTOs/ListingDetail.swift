import Vapor

/// An offer or a request, and whether the caller manages it (sees its suggestions, may change it).
struct ListingDetail<Listing: Content>: Content {
    let listing: Listing
    let mayManage: Bool
    /// The caller may change or withdraw it: a member of its organisation, or the support office.
    let mayChange: Bool
}
