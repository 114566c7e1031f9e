import Fluent
import FluentPostgresDriver
import Foundation
import ProgrammeRules

/// A partnership's page: its facts, its members counted by country and its cluster organisations.
extension Catalogue {
    func partnership(_ key: String) async throws -> PartnershipDetail {
        // Two prepared queries (decision 0024): the partnership, then its members counted by
        // country and its cluster organisations named; decoding a row for every member was most of
        // this page's time. The members change only with an organisation, so they are remembered
        // per state of the matching index, like the catalogue's answers (decision 0028).
        guard let partnership = try await PartnershipPage(key: key).first(on: db) else {
            throw AppError.noSuch("partnership", key: key)
        }
        let members = try await context.matching.catalogueAnswer("partnership-members:\(partnership.id)", on: db) {
            try await Members.read(partnership.id, on: db)
        }
        return PartnershipDetail(
            partnership: PartnershipDTO(
                key: partnership.key, name: partnership.name, description: partnership.description,
                countries: StringList.decode(partnership.countries), sectors: StringList.decode(partnership.sectors),
                budgetCents: partnership.budget_cents, targetExchanges: partnership.target_exchanges,
                memberCount: members.count),
            clusters: members.clusters, memberCountries: members.countries)
    }

    /// A partnership's validated members: how many, their countries, its cluster organisations by name.
    struct Members: Sendable {
        let count: Int
        let countries: [String]
        let clusters: [OrganisationSummary]

        static func read(_ partnership: UUID, on db: any Database) async throws -> Members {
            var count = 0
            var countries: [String] = []
            var clusters: [OrganisationSummary] = []
            for row in try await PartnershipMembers(partnership: partnership).all(on: db) {
                if row.part == "country" {
                    count += row.members
                    countries.append(row.country)
                } else if let code = CountryCode(row.country) {
                    clusters.append(
                        OrganisationSummary(
                            key: row.key, name: row.name, kind: .clusterOrganisation, country: code, city: row.city))
                }
            }
            return Members(
                count: count, countries: countries.sorted(),
                clusters: clusters.sorted { ($0.name, $0.key) < ($1.name, $1.key) })
        }
    }

    struct PartnershipPage: PreparedQuery {
        struct Output: Decodable, Sendable {
            let id: UUID
            let key: String
            let name: String
            let description: String
            let countries: String
            let sectors: String
            let budget_cents: Int
            let target_exchanges: Int
        }

        static let sql = """
            SELECT id, "key", name, description, countries, sectors, budget_cents, target_exchanges
            FROM \(Partnership.schema) WHERE "key" = $1
            """
        let key: String
        var values: [any PostgresEncodable & Encodable & Sendable] { [key] }
    }

    /// A row per country of the validated members (`part` "country", with their number), then a
    /// row per cluster organisation among them (`part` "cluster").
    struct PartnershipMembers: PreparedQuery {
        struct Output: Decodable, Sendable {
            let part: String
            let country: String
            let members: Int
            let key: String
            let name: String
            let city: String
        }

        static let sql = """
            SELECT 'country' AS part, country, COUNT(*) AS members, '' AS "key", '' AS name, '' AS city
            FROM \(Organisation.schema)
            WHERE partnership_id = $1 AND validation_status = '\(Organisation.ValidationStatus.validated.rawValue)'
            GROUP BY country
            UNION ALL
            SELECT 'cluster' AS part, country, 1 AS members, "key", name, city FROM \(Organisation.schema)
            WHERE partnership_id = $1 AND validation_status = '\(Organisation.ValidationStatus.validated.rawValue)'
                AND kind = '\(OrganisationKind.clusterOrganisation.rawValue)'
            """
        let partnership: UUID
        var values: [any PostgresEncodable & Encodable & Sendable] { [partnership] }
    }
}

extension Catalogue {
    /// A person to write to at a partnership: its coordinators, by name.
    struct Contact: Encodable, Equatable {
        let name: String
        let email: String
        /// Their photo, for those signed in.
        var photo: String? = nil
    }

    private func contact(_ user: User) -> Contact {
        Contact(
            name: user.name, email: user.email, photo: context.caller == nil ? nil : user.photoID.map(Pictures.photoPath(file:)))
    }

    /// The coordinators of the partnership with `key`: the named contacts of its applicants.
    func contacts(ofPartnership key: String) async throws -> [Contact] {
        try await PartnershipCoordinator.query(on: db).join(
            Partnership.self, on: \PartnershipCoordinator.$partnership.$id == \Partnership.$id
        )
        .filter(Partnership.self, \.$key == key).with(\.$user).all()
        .map { contact($0.user) }.sorted { $0.name < $1.name }
    }

    /// Every partnership with its coordinators, by partnership name: who to ask before joining.
    func partnershipContacts() async throws -> [(partnership: String, key: String, contacts: [Contact])] {
        let partnerships = try await Partnership.query(on: db).sort(\.$name).all()
        let coordinators = try await PartnershipCoordinator.query(on: db).with(\.$user).all()
        return partnerships.compactMap { partnership in
            guard let id = partnership.id else { return nil }
            let contacts = coordinators.filter { $0.$partnership.id == id }.map { contact($0.user) }
            return (partnership.name, partnership.key, contacts.sorted { $0.name < $1.name })
        }
    }
}
