import Fluent
import Vapor

/// "My organisations": the caller's organisations with where each stands, and the requests to
/// join those the caller administers. A person whose request to join is not yet approved sees
/// the organisation's name and that the request waits, nothing of its registration.
struct MyOrganisations {
    let context: ServiceContext

    private var db: any Database { context.db }

    func overview() async throws -> MyOrganisationsDTO {
        let caller = try context.signedIn()
        let memberships = try await Membership.query(on: db).filter(\.$user.$id == caller.id)
            .with(\.$organisation) { $0.with(\.$partnership) }.all()
        let active = memberships.filter { $0.status == .active }
        let organisationIDs = active.compactMap { $0.organisation.id }
        let registrations = try await Registration.query(on: db).filter(\.$organisation.$id ~~ organisationIDs).with(
            \.$partnership
        ).all()
        let registrationOf = Dictionary(registrations.map { ($0.$organisation.id, $0) }, uniquingKeysWith: { first, _ in first })
        let administered = active.filter(\.isAdmin).compactMap { $0.organisation.id }
        let requests = try await Membership.query(on: db).filter(\.$organisation.$id ~~ administered).filter(
            \.$status == .requested
        )
        .with(\.$user).with(\.$organisation).all()
        let organisations = memberships.map { membership -> MyOrganisationsDTO.Item in
            let organisation = membership.organisation
            guard membership.status == .active else {
                return MyOrganisationsDTO.Item(
                    key: organisation.key, name: organisation.name, membership: .requested, isAdmin: false, status: nil,
                    statusWords: nil,
                    reason: nil, registrationStatus: nil, partnership: nil, partnershipName: nil, mayPublish: false)
            }
            let registration = organisation.id.flatMap { registrationOf[$0] }
            let partnership = organisation.partnership ?? registration?.partnership
            return MyOrganisationsDTO.Item(
                key: organisation.key, name: organisation.name, membership: .active, isAdmin: membership.isAdmin,
                status: organisation.validationStatus, statusWords: organisation.validationStatus.words,
                reason: organisation.validationReason, registrationStatus: registration?.status, partnership: partnership?.key,
                partnershipName: partnership?.name, mayPublish: organisation.validationStatus == .validated)
        }
        let joinRequests = requests.compactMap { request -> MyOrganisationsDTO.JoinRequest? in
            guard let userID = request.user.id else { return nil }
            return MyOrganisationsDTO.JoinRequest(
                organisation: request.organisation.key, organisationName: request.organisation.name, userID: userID,
                name: request.user.name, email: request.user.email)
        }
        return MyOrganisationsDTO(organisations: organisations.sorted { $0.name < $1.name }, joinRequests: joinRequests)
    }
}

extension Organisation.ValidationStatus {
    /// "waiting for validation".
    var words: String {
        switch self {
        case .pending: "waiting for validation"
        case .validated: "validated"
        case .changesRequested: "changes requested"
        case .rejected: "not accepted"
        }
    }
}

extension ServiceContext {
    var myOrganisations: MyOrganisations { MyOrganisations(context: self) }
}
