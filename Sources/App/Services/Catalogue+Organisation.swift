import Fluent
import FluentPostgresDriver
import ProgrammeRules
import SQLKit
import Vapor

/// An organisation's page: its profile with its partnership's and cluster's names, its offers and
/// requests, and what the caller may do with it. Four queries at most, three of them plain SQL, and
/// only the profile's when the organisation has no offer, no request and no publication, or when
/// its offers and requests are remembered:
/// whole models, eager loading and the names SQLKit writes for every column of a model query were
/// most of this page's time (decision 0024).
extension Catalogue {
    func organisation(_ key: String) async throws -> OrganisationDetail {
        let hidden = AppError.notFound("No organisation has the key \"\(key)\", or it is not yet validated.")
        guard let row = try await profile(key) else { throw hidden }
        if row.validation_status != .validated,
            !(try await context.permissions.mayManage(organisationID: row.id, partnershipID: row.partnership_id))
        {
            throw hidden
        }
        let id = row.id
        // The profile query counted them: most organisations have no offer or no request. They
        // change only with an offer, a request or the organisation, so they are remembered per
        // state of the matching index, like the catalogue's answers (decision 0028).
        let listings =
            row.offer_count == 0 && row.request_count == 0
            ? OrganisationListings(offers: [], requests: [])
            : try await context.matching.catalogueAnswer("organisation-listings:\(id)", on: db) {
                try await OrganisationListings.read(id, offers: row.offer_count, requests: row.request_count, on: db)
            }
        var membership: Membership.Status?
        var isAdmin = false
        if let caller = context.caller, let found = try await ViewerMembership(user: caller.id, organisation: id).first(on: db) {
            membership = found.status
            isAdmin = found.status == .active && found.is_admin
        }
        return OrganisationDetail(
            organisation: OrganisationDTO(row), offers: listings.offers, requests: listings.requests,
            viewer: OrganisationDetail.Viewer(
                membership: membership?.rawValue, mayEdit: isAdmin || context.caller?.isAdmin == true,
                mayAskToJoin: context.caller != nil && membership == nil && context.caller?.role == .participant),
            publishedItems: row.published_count)
    }

    /// The profile's columns with its partnership's and cluster's key and name.
    struct ProfileRow: Decodable, Sendable {
        let id: UUID
        let key: String
        let name: String
        let kind: OrganisationKind
        let country: CountryCode
        let city: String
        let latitude: Double
        let longitude: Double
        let sectors: String
        let topics: String
        let languages: String
        let description: String
        let website: String?
        let validation_status: Organisation.ValidationStatus
        let named_in_news: Bool
        let logo_id: UUID?
        let partnership_id: UUID?
        let partnership_key: String?
        let partnership_name: String?
        let cluster_key: String?
        let cluster_name: String?
        let offer_count: Int
        let request_count: Int
        /// News, achievements and events published (the page reads them only when there are some).
        let published_count: Int
    }

    private func profile(_ key: String) async throws -> ProfileRow? { try await Profile(key: key).first(on: db) }

    /// Prepared on PostgreSQL: every organisation page asks it.
    struct Profile: PreparedQuery {
        typealias Output = ProfileRow
        static let sql = """
            SELECT o.id, o."key", o.name, o.kind, o.country, o.city, o.latitude, o.longitude, o.sectors, o.topics,
                o.languages, o.description, o.website, o.validation_status, o.named_in_news, o.logo_id, o.partnership_id,
                p."key" AS partnership_key, p.name AS partnership_name, c."key" AS cluster_key, c.name AS cluster_name,
                (SELECT COUNT(*) FROM \(Offer.schema) WHERE host_id = o.id) AS offer_count,
                (SELECT COUNT(*) FROM \(VisitRequest.schema) WHERE visitor_id = o.id) AS request_count,
                (SELECT COUNT(*) FROM \(Publication.schema)
                    WHERE organisation_id = o.id AND status = '\(Publication.Status.published.rawValue)') AS published_count
            FROM \(Organisation.schema) o
            LEFT JOIN \(Partnership.schema) p ON p.id = o.partnership_id
            LEFT JOIN \(Organisation.schema) c ON c.id = o.cluster_id
            WHERE o."key" = $1
            """
        let key: String
        var values: [any PostgresEncodable & Encodable & Sendable] { [key] }
    }

    struct ViewerMembership: PreparedQuery {
        struct Output: Decodable, Sendable {
            let status: Membership.Status
            let is_admin: Bool
        }

        static let sql = "SELECT status, is_admin FROM \(Membership.schema) WHERE user_id = $1 AND organisation_id = $2"
        let user: UUID
        let organisation: UUID
        var values: [any PostgresEncodable & Encodable & Sendable] { [user, organisation] }
    }
}

extension OrganisationDTO {
    /// The profile as the organisation's page reads it (`Catalogue.ProfileRow`).
    init(_ row: Catalogue.ProfileRow) {
        key = row.key
        name = row.name
        kind = row.kind
        kindName = row.kind.displayName
        country = row.country
        countryName = CountryRegistry.cosme.name(of: row.country)
        city = row.city
        latitude = row.latitude
        longitude = row.longitude
        sectors = StringList.decode(row.sectors)
        topics = StringList.decode(row.topics)
        languages = StringList.decode(row.languages)
        description = row.description
        website = row.website
        partnership = row.partnership_key
        partnershipName = row.partnership_key == nil ? nil : row.partnership_name
        cluster = row.cluster_key
        clusterName = row.cluster_key == nil ? nil : row.cluster_name
        validationStatus = row.validation_status
        namedInNews = row.named_in_news
        logo = row.logo_id.map { Pictures.logoPath(key: row.key, file: $0) }
    }
}

/// An organisation's offers and requests as its page lists them.
struct OrganisationListings: Sendable {
    let offers: [OfferDTO]
    let requests: [RequestDTO]

    /// Each list read only if the profile counted some.
    static func read(_ id: UUID, offers: Int, requests: Int, on db: any Database) async throws -> OrganisationListings {
        OrganisationListings(
            offers: offers == 0
                ? []
                : try await OfferDTO.select(
                    Offer.query(on: db).join(Organisation.self, on: \Offer.$host.$id == \Organisation.$id)
                ).filter(\.$host.$id == id).sort(\.$availableFrom).rows(OfferDTO.init(row:)),
            requests: requests == 0
                ? []
                : try await RequestDTO.select(
                    VisitRequest.query(on: db).join(Organisation.self, on: \VisitRequest.$visitor.$id == \Organisation.$id)
                ).filter(\.$visitor.$id == id).sort(\.$earliest).rows(RequestDTO.init(row:)))
    }
}

extension Catalogue {
    /// What an organisation's catalogue card says beyond its name and place.
    struct Blurb: Sendable {
        let topics: [String]
        /// The description's first sentence, at most 160 characters.
        let summary: String
    }

    /// The cards' topics and first sentences for the organisations of one catalogue page.
    func blurbs(of keys: [String]) async throws -> [String: Blurb] {
        guard !keys.isEmpty else { return [:] }
        let rows = try await Organisation.query(on: db).filter(\.$key ~~ keys).field(\.$key).field(\.$topicList)
            .field(\.$description).all()
        return Dictionary(
            rows.map { ($0.key, Blurb(topics: $0.topics, summary: Self.firstSentence($0.description))) },
            uniquingKeysWith: { first, _ in first })
    }

    /// "A cluster of 40 laser SMEs. We run…" → "A cluster of 40 laser SMEs."; long text is cut at a word.
    static func firstSentence(_ text: String, limit: Int = 160) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let end = trimmed.range(of: ". ").map { trimmed[..<$0.lowerBound] + "." } ?? Substring(trimmed)
        guard end.count > limit else { return String(end) }
        let cut = end.prefix(limit)
        return String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + "…"
    }
}
