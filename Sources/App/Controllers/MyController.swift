import Vapor

/// "My organisations", the page a signed-in person comes back to.
struct MyController: Controller {
    func boot(_ routes: Surfaces) {
        routes.pages.access(.signedIn).get("my", use: mine)
    }

    /// The organisations, and for each partnership chosen, the people to write to there: an
    /// applicant has a named contact from the registration on.
    struct MyView: Encodable {
        let organisations: [Row]
        let joinRequests: [MyOrganisationsDTO.JoinRequest]
    }

    /// An organisation as the API gives it, with its partnership's contacts beside its fields.
    struct Row: Encodable {
        let item: MyOrganisationsDTO.Item
        let contacts: [Catalogue.Contact]

        enum Key: String, CodingKey { case contacts }

        func encode(to encoder: any Encoder) throws {
            try item.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(contacts, forKey: .contacts)
        }
    }

    @Sendable func mine(req: Request) async throws -> Response {
        let context = req.context
        let overview = try await context.myOrganisations.overview()
        var contacts: [String: [Catalogue.Contact]] = [:]
        for key in Set(overview.organisations.compactMap(\.partnership)) {
            contacts[key] = try await context.catalogue.contacts(ofPartnership: key)
        }
        return try await req.page(
            "my", title: "My organisations",
            MyView(
                organisations: overview.organisations.map {
                    Row(item: $0, contacts: $0.partnership.flatMap { contacts[$0] } ?? [])
                },
                joinRequests: overview.joinRequests))
    }
}
