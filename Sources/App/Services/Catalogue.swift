import ProgrammeRules
import Fluent
import Matching
import SQLKit
import Vapor

/// The catalogue's queries, shared by the JSON API and the pages. Only validated organisations,
/// and the offers and requests of validated organisations, are listed.
enum Catalogue {
    static func partnerships(on db: any Database) async throws -> [PartnershipDTO] {
        let partnerships = try await Partnership.query(on: db).sort(\.$name).all()
        let counts = try await memberCounts(on: db)
        return partnerships.map { PartnershipDTO($0, memberCount: $0.id.flatMap { counts[$0] } ?? 0) }
    }

    /// Validated members per partnership, counted by the database in one query.
    static func memberCounts(on db: any Database) async throws -> [UUID: Int] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        let rows = try await sql.select()
            .column("partnership_id")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "members")
            .from(Organisation.schema)
            .where("validation_status", .equal, Organisation.ValidationStatus.validated.rawValue)
            .where("partnership_id", .isNot, SQLLiteral.null)
            .groupBy("partnership_id")
            .all()
        var counts: [UUID: Int] = [:]
        for row in rows {
            counts[try row.decode(column: "partnership_id", as: UUID.self)] = try row.decode(column: "members", as: Int.self)
        }
        return counts
    }

    struct PartnershipDetail: Content {
        let partnership: PartnershipDTO
        /// The member cluster organisations.
        let clusters: [OrganisationSummary]
        let memberCountries: [String]
    }

    static func partnership(_ key: String, on db: any Database) async throws -> PartnershipDetail {
        guard let partnership = try await Partnership.query(on: db).filter(\.$key == key).first(), let id = partnership.id else {
            throw Abort(.notFound, reason: "No partnership has the key \"\(key)\".", identifier: "not-found")
        }
        let members = try await Organisation.query(on: db).filter(\.$partnership.$id == id).filter(\.$validationStatus == .validated).all()
        let clusters = members.filter { $0.organisationKind == .clusterOrganisation }.sorted { $0.name < $1.name }
        return PartnershipDetail(
            partnership: PartnershipDTO(partnership, memberCount: members.count),
            clusters: clusters.map(OrganisationSummary.init), memberCountries: Array(Set(members.map(\.country))).sorted())
    }

    static func partnershipID(_ key: String?, on db: any Database) async throws -> UUID?? {
        guard let key else { return .none }
        guard let id = try await Partnership.query(on: db).filter(\.$key == key).first()?.id else {
            throw InputProblem(field: "partnership", rule: "unknown-key", "no partnership has the key \"\(key)\"")
        }
        return .some(id)
    }

    /// With a search (`q`) and an index, the best matches come first; otherwise by name.
    static func organisations(_ filter: CatalogueFilter, on db: any Database, index: InvertedIndex? = nil) async throws -> ListPage<OrganisationSummary> {
        let query = Organisation.query(on: db).filter(\.$validationStatus == .validated)
        if let country = filter.country { query.filter(\.$country == country) }
        if let kind = filter.kind { query.filter(\.$kind == kind) }
        if let sector = filter.sector { query.filter(\.$sectorList ~~ StringList.element(sector)) }
        if let topic = filter.topic { query.filter(\.$searchText ~~ SearchText.term(topic)) }
        if let language = filter.language { query.filter(\.$languageList ~~ StringList.element(language)) }
        if let partnershipID = try await partnershipID(filter.partnership, on: db) { query.filter(\.$partnership.$id == partnershipID) }
        for term in terms(filter.q) { query.filter(\.$searchText ~~ SearchText.term(term)) }
        if let q = filter.q, !terms(q).isEmpty, let index {
            let (keys, total) = try await CatalogueRanking.page(query, key: \.$key, q: q, index: index, page: filter.page, per: filter.per)
            let rows = try await Organisation.query(on: db).filter(\.$key ~~ keys).all()
            return ListPage(items: CatalogueRanking.ordered(rows, keys: keys, key: \.key).map(OrganisationSummary.init),
                page: filter.page, per: filter.per, total: total)
        }
        let page = try await query.sort(\.$name).sort(\.$key).paginate(PageRequest(page: filter.page, per: filter.per))
        return ListPage(items: page.items.map(OrganisationSummary.init), page: filter.page, per: filter.per, total: page.metadata.total)
    }

    struct OrganisationDetail: Content {
        let organisation: OrganisationDTO
        let offers: [OfferDTO]
        let requests: [RequestDTO]
    }

    static func organisation(_ key: String, viewer: User?, on db: any Database) async throws -> OrganisationDetail {
        guard let organisation = try await Organisation.query(on: db).filter(\.$key == key).with(\.$partnership).with(\.$cluster).first(),
            try await Permissions.maySee(organisation, viewer, on: db), let id = organisation.id
        else {
            throw Abort(.notFound, reason: "No organisation has the key \"\(key)\", or it is not yet validated.", identifier: "not-found")
        }
        let offers = try await Offer.query(on: db).filter(\.$host.$id == id).sort(\.$availableFrom).all()
        let requests = try await VisitRequest.query(on: db).filter(\.$visitor.$id == id).sort(\.$earliest).all()
        return OrganisationDetail(
            organisation: OrganisationDTO(organisation, partnershipKey: organisation.partnership?.key, clusterKey: organisation.cluster?.key),
            offers: offers.map { OfferDTO($0, host: organisation) }, requests: requests.map { RequestDTO($0, visitor: organisation) })
    }

    static func offers(_ filter: CatalogueFilter, on db: any Database, index: InvertedIndex? = nil) async throws -> ListPage<OfferDTO> {
        let query = Offer.query(on: db).join(Organisation.self, on: \Offer.$host.$id == \Organisation.$id)
            .filter(Organisation.self, \.$validationStatus == .validated)
        try await applyOrganisationFilters(filter, to: query, on: db)
        if let purpose = filter.purpose { query.filter(\.$purposeList ~~ StringList.element(purpose)) }
        if let topic = filter.topic { query.filter(\.$searchText ~~ SearchText.term(topic)) }
        if let language = filter.language { query.filter(\.$languageList ~~ StringList.element(language)) }
        for term in terms(filter.q) { query.filter(\.$searchText ~~ SearchText.term(term)) }
        if let q = filter.q, !terms(q).isEmpty, let index {
            let (keys, total) = try await CatalogueRanking.page(query, key: \.$key, q: q, index: index, page: filter.page, per: filter.per)
            let rows = try await Offer.query(on: db).filter(\.$key ~~ keys).with(\.$host).all()
            return ListPage(items: CatalogueRanking.ordered(rows, keys: keys, key: \.key).map { OfferDTO($0, host: $0.host) },
                page: filter.page, per: filter.per, total: total)
        }
        let page = try await query.sort(\.$title).sort(\.$key).paginate(PageRequest(page: filter.page, per: filter.per))
        let items = try page.items.map { OfferDTO($0, host: try $0.joined(Organisation.self)) }
        return ListPage(items: items, page: filter.page, per: filter.per, total: page.metadata.total)
    }

    static func requests(_ filter: CatalogueFilter, on db: any Database, index: InvertedIndex? = nil) async throws -> ListPage<RequestDTO> {
        let query = VisitRequest.query(on: db).join(Organisation.self, on: \VisitRequest.$visitor.$id == \Organisation.$id)
            .filter(Organisation.self, \.$validationStatus == .validated)
        try await applyOrganisationFilters(filter, to: query, on: db)
        if let purpose = filter.purpose { query.filter(\.$purposeList ~~ StringList.element(purpose)) }
        if let topic = filter.topic { query.filter(\.$searchText ~~ SearchText.term(topic)) }
        if let language = filter.language { query.filter(\.$languageList ~~ StringList.element(language)) }
        for term in terms(filter.q) { query.filter(\.$searchText ~~ SearchText.term(term)) }
        if let q = filter.q, !terms(q).isEmpty, let index {
            let (keys, total) = try await CatalogueRanking.page(query, key: \.$key, q: q, index: index, page: filter.page, per: filter.per)
            let rows = try await VisitRequest.query(on: db).filter(\.$key ~~ keys).with(\.$visitor).all()
            return ListPage(items: CatalogueRanking.ordered(rows, keys: keys, key: \.key).map { RequestDTO($0, visitor: $0.visitor) },
                page: filter.page, per: filter.per, total: total)
        }
        let page = try await query.sort(\.$title).sort(\.$key).paginate(PageRequest(page: filter.page, per: filter.per))
        let items = try page.items.map { RequestDTO($0, visitor: try $0.joined(Organisation.self)) }
        return ListPage(items: items, page: filter.page, per: filter.per, total: page.metadata.total)
    }

    static func offer(_ key: String, viewer: User?, on db: any Database) async throws -> OfferDTO {
        guard let offer = try await Offer.query(on: db).filter(\.$key == key).with(\.$host).first(),
            try await Permissions.maySee(offer.host, viewer, on: db)
        else { throw Abort(.notFound, reason: "No offer has the key \"\(key)\".", identifier: "not-found") }
        return OfferDTO(offer, host: offer.host)
    }

    static func request(_ key: String, viewer: User?, on db: any Database) async throws -> RequestDTO {
        guard let request = try await VisitRequest.query(on: db).filter(\.$key == key).with(\.$visitor).first(),
            try await Permissions.maySee(request.visitor, viewer, on: db)
        else { throw Abort(.notFound, reason: "No request has the key \"\(key)\".", identifier: "not-found") }
        return RequestDTO(request, visitor: request.visitor)
    }

    /// Filters on the host or visitor organisation joined into an offer or request query.
    private static func applyOrganisationFilters<M: Model>(_ filter: CatalogueFilter, to query: QueryBuilder<M>, on db: any Database) async throws {
        if let country = filter.country { query.filter(Organisation.self, \.$country == country) }
        if let kind = filter.kind { query.filter(Organisation.self, \.$kind == kind) }
        if let sector = filter.sector { query.filter(Organisation.self, \.$sectorList ~~ StringList.element(sector)) }
        if let partnershipID = try await partnershipID(filter.partnership, on: db) {
            query.filter(Organisation.self, \.$partnership.$id == partnershipID)
        }
    }

    /// Up to five words of the search box.
    static func terms(_ q: String?) -> [String] {
        (q ?? "").split(whereSeparator: { $0.isWhitespace }).prefix(5).map(String.init).filter { !NameFolding.fold($0).isEmpty }
    }
}
