import FluentPostgresDriver
import Foundation
import ProgrammeRules

/// An offer's or a request's page, read in one prepared query with its owner's summary and the
/// owner's columns the permission checks need: building the query with FluentKit (its fields'
/// paths, every identifier escaped) was most of this page's time on PostgreSQL.
struct ListingPageRow<View: Sendable>: Sendable {
    let view: View
    let ownerID: UUID
    let partnershipID: UUID?
    let validated: Bool
}

/// The owner's columns every listing page reads, in the order of the queries below.
struct ListingOwnerColumns: Decodable, Sendable {
    let owner_id: UUID
    let owner_key: String
    let owner_name: String
    let owner_kind: OrganisationKind
    let owner_country: CountryCode
    let owner_city: String
    let owner_partnership_id: UUID?
    let owner_validation_status: Organisation.ValidationStatus

    static let sql = """
        h.id AS owner_id, h."key" AS owner_key, h.name AS owner_name, h.kind AS owner_kind, h.country AS owner_country,
            h.city AS owner_city, h.partnership_id AS owner_partnership_id, h.validation_status AS owner_validation_status
        """

    var summary: OrganisationSummary {
        OrganisationSummary(key: owner_key, name: owner_name, kind: owner_kind, country: owner_country, city: owner_city)
    }

    func row<View>(_ view: View) -> ListingPageRow<View> {
        ListingPageRow(
            view: view, ownerID: owner_id, partnershipID: owner_partnership_id, validated: owner_validation_status == .validated)
    }
}

struct OfferPageQuery: PreparedQuery {
    struct Output: Decodable, Sendable {
        let key: String
        let title: String
        let description: String
        let purposes: String
        let topics: String
        let languages: String
        let available_from: CalendarDate
        let available_to: CalendarDate
        let capacity: Int
        let is_virtual: Bool
        let owner: ListingOwnerColumns

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            key = try c.decode(String.self, forKey: .key)
            title = try c.decode(String.self, forKey: .title)
            description = try c.decode(String.self, forKey: .description)
            purposes = try c.decode(String.self, forKey: .purposes)
            topics = try c.decode(String.self, forKey: .topics)
            languages = try c.decode(String.self, forKey: .languages)
            available_from = try c.decode(CalendarDate.self, forKey: .available_from)
            available_to = try c.decode(CalendarDate.self, forKey: .available_to)
            capacity = try c.decode(Int.self, forKey: .capacity)
            is_virtual = try c.decode(Bool.self, forKey: .is_virtual)
            owner = try ListingOwnerColumns(from: decoder)
        }

        private enum Keys: String, CodingKey {
            case key, title, description, purposes, topics, languages, available_from, available_to, capacity, is_virtual
        }

        var page: ListingPageRow<OfferDTO> {
            owner.row(
                OfferDTO(
                    key: key, host: owner.summary, title: title, description: description,
                    purposes: StringList.decode(purposes).compactMap(Purpose.init(rawValue:)), topics: StringList.decode(topics),
                    languages: StringList.decode(languages), availableFrom: available_from, availableTo: available_to,
                    capacity: capacity, virtual: is_virtual))
        }
    }

    static let sql = """
        SELECT o."key", o.title, o.description, o.purposes, o.topics, o.languages, o.available_from, o.available_to,
            o.capacity, o."virtual" AS is_virtual, \(ListingOwnerColumns.sql)
        FROM \(Offer.schema) o JOIN \(Organisation.schema) h ON h.id = o.host_id
        WHERE o."key" = $1
        """
    let key: String
    var values: [any PostgresEncodable & Encodable & Sendable] { [key] }
}

struct RequestPageQuery: PreparedQuery {
    struct Output: Decodable, Sendable {
        let key: String
        let title: String
        let description: String
        let purposes: String
        let topics: String
        let languages: String
        let preferred_countries: String
        let earliest: CalendarDate
        let latest: CalendarDate
        let working_days: Int
        let owner: ListingOwnerColumns

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            key = try c.decode(String.self, forKey: .key)
            title = try c.decode(String.self, forKey: .title)
            description = try c.decode(String.self, forKey: .description)
            purposes = try c.decode(String.self, forKey: .purposes)
            topics = try c.decode(String.self, forKey: .topics)
            languages = try c.decode(String.self, forKey: .languages)
            preferred_countries = try c.decode(String.self, forKey: .preferred_countries)
            earliest = try c.decode(CalendarDate.self, forKey: .earliest)
            latest = try c.decode(CalendarDate.self, forKey: .latest)
            working_days = try c.decode(Int.self, forKey: .working_days)
            owner = try ListingOwnerColumns(from: decoder)
        }

        private enum Keys: String, CodingKey {
            case key, title, description, purposes, topics, languages, preferred_countries, earliest, latest, working_days
        }

        var page: ListingPageRow<RequestDTO> {
            owner.row(
                RequestDTO(
                    key: key, visitor: owner.summary, title: title, description: description,
                    purposes: StringList.decode(purposes).compactMap(Purpose.init(rawValue:)), topics: StringList.decode(topics),
                    languages: StringList.decode(languages),
                    preferredCountries: StringList.decode(preferred_countries).compactMap(CountryCode.init),
                    earliest: earliest, latest: latest, workingDays: working_days))
        }
    }

    static let sql = """
        SELECT r."key", r.title, r.description, r.purposes, r.topics, r.languages, r.preferred_countries, r.earliest,
            r.latest, r.working_days, \(ListingOwnerColumns.sql)
        FROM \(VisitRequest.schema) r JOIN \(Organisation.schema) h ON h.id = r.visitor_id
        WHERE r."key" = $1
        """
    let key: String
    var values: [any PostgresEncodable & Encodable & Sendable] { [key] }
}
