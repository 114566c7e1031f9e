import Vapor

/// An offer or a request, and whether the caller manages it (sees its suggestions, may change it).
struct ListingDetail<Listing: Content>: Content {
    let listing: Listing
    let mayManage: Bool
}
