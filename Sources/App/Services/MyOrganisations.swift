import Fluent
import FluentPostgresDriver
import SQLKit
import Vapor

/// "My organisations": the caller's organisations with where each stands, and the requests to
/// join those the caller administers. A person whose request to join is not yet approved sees
/// the organisation's name and that the request waits, nothing of its registration.
struct MyOrganisations {
    let context: ServiceContext

    private var db: any Database { context.db }

    /// Plain SQL (the dashboard and "My organisations" both ask it): the caller's memberships with
    /// their organisations, partnerships, registrations and how many wait to join each; then, only
    /// if some do, the requests to join the ones the caller administers.
    func overview() async throws -> MyOrganisationsDTO {
        let caller = try context.signedIn()
        let sql = try db.sql()
        // One row a membership (the first, should an organisation hold more than one registration).
        var seen = Set<UUID>()
        let rows = try await Memberships(user: caller.id).all(on: db).filter { seen.insert($0.organisation_id).inserted }
        let active = rows.filter { $0.status == Membership.Status.active.rawValue }
        // A participant's exchange scope is exactly these approved memberships: kept for the rest
        // of the request (the dashboard's exchanges), which saves reading them again.
        if caller.role == .participant, context.memo?.scope(of: caller) == nil {
            context.memo?.keep(
                ExchangeScope(caller: caller, organisations: Set(active.map(\.organisation_id)), partnerships: []))
        }
        // Only the organisations that have someone waiting to join: most have none, and then no query.
        let administered = active.filter { $0.is_admin && $0.waiting_to_join > 0 }.map(\.organisation_id)
        struct JoinRow: Decodable {
            let key: String
            let organisation_name: String
            let user_id: UUID
            let user_name: String
            let email: String
        }
        var joinRequests: [MyOrganisationsDTO.JoinRequest] = []
        if !administered.isEmpty {
            joinRequests = try await sql.raw(
                """
                SELECT o.\(ident: "key"), o.name AS organisation_name, u.id AS user_id, u.name AS user_name, u.email
                FROM \(ident: Membership.schema) m
                JOIN \(ident: Organisation.schema) o ON o.id = m.organisation_id
                JOIN \(ident: User.schema) u ON u.id = m.user_id
                WHERE m.status = \(bind: Membership.Status.requested.rawValue)
                AND m.organisation_id IN (\(binds: administered))
                """
            ).all(decoding: JoinRow.self).map {
                MyOrganisationsDTO.JoinRequest(
                    organisation: $0.key, organisationName: $0.organisation_name, userID: $0.user_id, name: $0.user_name,
                    email: $0.email)
            }
        }
        let organisations = rows.map { row -> MyOrganisationsDTO.Item in
            guard row.status == Membership.Status.active.rawValue else {
                return MyOrganisationsDTO.Item(
                    key: row.key, name: row.name, membership: .requested, isAdmin: false, status: nil, statusWords: nil,
                    reason: nil, registrationStatus: nil, partnership: nil, partnershipName: nil, mayPublish: false)
            }
            let status = Organisation.ValidationStatus(rawValue: row.validation_status) ?? .pending
            return MyOrganisationsDTO.Item(
                key: row.key, name: row.name, membership: .active, isAdmin: row.is_admin, status: status,
                statusWords: status.words, reason: row.validation_reason,
                registrationStatus: row.registration_status.flatMap { Registration.Status(rawValue: $0) },
                partnership: row.partnership_key ?? row.registration_partnership_key,
                partnershipName: row.partnership_name ?? row.registration_partnership_name, mayPublish: status == .validated)
        }
        return MyOrganisationsDTO(organisations: organisations.sorted { $0.name < $1.name }, joinRequests: joinRequests)
    }
}

extension MyOrganisations {
    /// The caller's memberships with their organisations, partnerships and registrations; every
    /// dashboard asks it, so PostgreSQL prepares it once per connection (`PreparedQuery`).
    struct Memberships: PreparedQuery {
        struct Output: Decodable, Sendable {
            let organisation_id: UUID
            let key: String
            let name: String
            let validation_status: String
            let validation_reason: String?
            let partnership_key: String?
            let partnership_name: String?
            let status: String
            let is_admin: Bool
            // The registration of an organisation the caller is an approved member of.
            let registration_status: String?
            let registration_partnership_key: String?
            let registration_partnership_name: String?
            /// How many people ask to join the organisation.
            let waiting_to_join: Int
        }

        static let sql = """
            SELECT m.organisation_id, o."key", o.name, o.validation_status, o.validation_reason,
                p."key" AS partnership_key, p.name AS partnership_name, m.status, m.is_admin,
                r.status AS registration_status, rp."key" AS registration_partnership_key,
                rp.name AS registration_partnership_name,
                (SELECT COUNT(*) FROM \(Membership.schema) j
                    WHERE j.organisation_id = m.organisation_id AND j.status = '\(Membership.Status.requested.rawValue)'
                ) AS waiting_to_join
            FROM \(Membership.schema) m
            JOIN \(Organisation.schema) o ON o.id = m.organisation_id
            LEFT JOIN \(Partnership.schema) p ON p.id = o.partnership_id
            LEFT JOIN \(Registration.schema) r
                ON r.organisation_id = m.organisation_id AND m.status = '\(Membership.Status.active.rawValue)'
            LEFT JOIN \(Partnership.schema) rp ON rp.id = r.partnership_id
            WHERE m.user_id = $1
            """
        let user: UUID
        var values: [any PostgresEncodable & Encodable & Sendable] { [user] }
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
