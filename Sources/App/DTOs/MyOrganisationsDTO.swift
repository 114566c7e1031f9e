import Vapor

/// The caller's organisations and the requests to join those they administer.
struct MyOrganisationsDTO: Content {
    struct Item: Content {
        let key: String
        let name: String
        let membership: Membership.Status
        let isAdmin: Bool
        /// Nil while the caller's request to join waits.
        let status: Organisation.ValidationStatus?
        let statusWords: String?
        let reason: String?
        let registrationStatus: Registration.Status?
        let partnership: String?
        let partnershipName: String?
        /// Validated: its members may publish offers and requests.
        let mayPublish: Bool
    }

    struct JoinRequest: Content {
        let organisation: String
        let organisationName: String
        let userID: UUID
        let name: String
        let email: String
    }

    let organisations: [Item]
    let joinRequests: [JoinRequest]
}
