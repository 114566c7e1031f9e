import Vapor

/// An organisation's page: its profile, offers and requests, and what the caller may do with it.
struct OrganisationDetail: Content {
    struct Viewer: Content {
        /// "active" or "requested" when the caller is (asking to become) a member.
        let membership: String?
        let mayEdit: Bool
        let mayAskToJoin: Bool
    }

    let organisation: OrganisationDTO
    let offers: [OfferDTO]
    let requests: [RequestDTO]
    let viewer: Viewer
    /// How many news, achievements and events it has published: the page reads them only when
    /// there are some. Not part of the JSON.
    var publishedItems = 0

    private enum CodingKeys: String, CodingKey {
        case organisation, offers, requests, viewer
    }
}
