import Fluent
import Matching
import ProgrammeRules
import SQLKit
import Vapor

/// The catalogue's queries, shared by the JSON API and the pages. Only validated organisations,
/// and the offers and requests of validated organisations, are listed to everyone.
struct Catalogue {
    let context: ServiceContext

    var db: any Database { context.db }

    // MARK: Partnerships

    func partnerships() async throws -> [PartnershipDTO] {
        let partnerships = try await Partnership.query(on: db).sort(\.$name).all()
        let counts = try await memberCounts()
        return partnerships.map { PartnershipDTO($0, memberCount: $0.id.flatMap { counts[$0] } ?? 0) }
    }

    /// Every partnership's key and name, by name: what a filter offers.
    func partnershipNames() async throws -> [(key: String, name: String)] {
        // Every catalogue page asks it for its filter: kept briefly by the instance (`InstanceCaches`).
        let load = {
            try await db.sql().raw("SELECT \(ident: "key"), name FROM \(ident: Partnership.schema) ORDER BY name")
                .all(decoding: InstanceCaches.PartnershipName.self)
        }
        let names: [InstanceCaches.PartnershipName]
        if let caches = context.caches { names = try await caches.partnershipNames(load: load) } else { names = try await load() }
        return names.map { (key: $0.key, name: $0.name) }
    }

    /// Validated members per partnership, counted by the database in one query.
    private func memberCounts() async throws -> [UUID: Int] {
        let rows = try await db.sql().select()
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

    /// Whether the caller may read the partnership's ledger: its coordinators and the support office.
    func seesBudget(of key: String) async throws -> Bool {
        guard context.caller != nil, let id = try await Partnership.query(on: db).filter(\.$key == key).first()?.id else {
            return false
        }
        return try await context.permissions.coordinates(id)
    }

    /// The partnership's id for a filter; a key that names none is the caller's mistake.
    private func partnershipID(_ key: String?) async throws -> UUID? {
        guard let key else { return nil }
        guard let id = try await Partnership.query(on: db).filter(\.$key == key).first()?.id else {
            throw AppError.badQuery("partnership", "unknown-key", "no partnership has the key \"\(key)\"")
        }
        return id
    }

    // MARK: Organisations

    /// With a search (`q`), the best matches come first by the matching engine's index; otherwise
    /// the newest first, or by name when asked.
    func organisations(_ filter: CatalogueFilter) async throws -> CatalogueAnswer<OrganisationSummary> {
        try await remembered("organisations", filter) {
            var search: CatalogueSearch?
            if let q = filter.q { search = CatalogueSearch(q, index: try await organisationIndex()) }
            return try await forgiving(search) { try await organisationPage(filter, search: $0) }
        }
    }

    private func organisationPage(_ filter: CatalogueFilter, search: CatalogueSearch?) async throws -> ListPage<
        OrganisationSummary
    > {
        let query = Organisation.query(on: db).filter(\.$validationStatus == .validated)
        try await applyOrganisationFilters(filter, to: query, on: Organisation.self)
        if let topic = filter.topic { query.filter(\.$searchText, holds: SearchText.term(topic)) }
        if let language = filter.language { query.filter(\.$languageList ~~ StringList.element(language)) }
        if let search, !search.isEmpty {
            for group in search.patterns { query.filter(\.$searchText, holdsAny: group) }
            let (keys, total) = try await ranked(query, key: \.$key, search: search, filter: filter)
            let rows =
                keys.isEmpty
                ? []
                : try await OrganisationSummary.select(Organisation.query(on: db).filter(\.$key ~~ keys))
                    .rows(OrganisationSummary.init(row:))
            return ListPage(items: ordered(rows, keys: keys, key: \.key), filter: filter, total: total)
        }
        let total = try await query.count()
        guard filter.per > 0 else { return ListPage(items: [], filter: filter, total: total) }
        switch filter.order {
        case .newest: query.sort(\.$createdAt, .descending)
        case .name: query.sort(\.$name)
        }
        let rows = try await OrganisationSummary.select(query.sort(\.$key))
            .range(filter.offset..<(filter.offset + filter.per)).rows(OrganisationSummary.init(row:))
        return ListPage(items: rows, filter: filter, total: total)
    }

    // MARK: Offers and requests

    /// Offers or requests of validated organisations, filtered; best matches first with a search.
    func listings<L: CatalogueListing>(_ type: L.Type, _ filter: CatalogueFilter) async throws -> CatalogueAnswer<L.View> {
        try await remembered(L.noun, filter) {
            var search: CatalogueSearch?
            if let q = filter.q { search = CatalogueSearch(q, index: try await index(for: L.self)) }
            return try await forgiving(search) { try await listingPage(L.self, filter, search: $0) }
        }
    }

    /// A list or a search answered once per state of the matching index (`catalogueAnswer`): on
    /// SQLite's single connection the same search asked again was most of the catalogue's time.
    private func remembered<Item>(
        _ tab: String, _ filter: CatalogueFilter, _ build: () async throws -> CatalogueAnswer<Item>
    ) async throws -> CatalogueAnswer<Item> {
        let key = "\(tab)?\(filter.queryString(page: filter.page))&per=\(filter.per)"
        return try await context.matching.catalogueAnswer(key, on: db, build: build)
    }

    private func listingPage<L: CatalogueListing>(_ type: L.Type, _ filter: CatalogueFilter, search: CatalogueSearch?)
        async throws -> ListPage<L.View>
    {
        let query = L.query(on: db).join(Organisation.self, on: L.ownerID == \Organisation.$id)
            .filter(Organisation.self, \.$validationStatus == .validated)
        try await applyOrganisationFilters(filter, to: query, on: Organisation.self)
        if let purpose = filter.purpose { query.filter(L.purposesField ~~ StringList.element(purpose.rawValue)) }
        if let topic = filter.topic { query.filter(L.searchField, holds: SearchText.term(topic)) }
        if let language = filter.language { query.filter(L.languagesField ~~ StringList.element(language)) }
        if let search, !search.isEmpty {
            // A word that names a city where organisations are also finds their offers or requests.
            let cities = try await cities(named: search)
            for (number, group) in search.patterns.enumerated() {
                guard let places = cities[number] else {
                    query.filter(L.searchField, holdsAny: group)
                    continue
                }
                query.group(.or) { either in
                    for pattern in group { either.filter(L.searchField, holds: pattern) }
                    either.filter(Organisation.self, \.$city ~~ places)
                }
            }
            let (keys, total) = try await ranked(query, key: L.keyField, search: search, filter: filter)
            let rows =
                keys.isEmpty
                ? []
                : try await L.selectView(L.query(on: db).join(Organisation.self, on: L.ownerID == \Organisation.$id))
                    .filter(L.keyField ~~ keys).rows(L.view(row:))
            return ListPage(items: ordered(rows, keys: keys, key: L.key(of:)), filter: filter, total: total)
        }
        let total = try await query.count()
        guard filter.per > 0 else { return ListPage(items: [], filter: filter, total: total) }
        switch filter.order {
        case .newest: query.sort(L.createdField, .descending)
        case .name: query.sort(L.titleField)
        }
        let items = try await L.selectView(query).sort(L.keyField)
            .range(filter.offset..<(filter.offset + filter.per)).rows(L.view(row:))
        return ListPage(items: items, filter: filter, total: total)
    }

    /// A search that finds nothing is tried again with its typos corrected (one letter each),
    /// and says so; if that finds nothing either, it offers the nearest spelling it knows.
    private func forgiving<Item>(
        _ search: CatalogueSearch?, _ page: (CatalogueSearch?) async throws -> ListPage<Item>
    ) async throws -> CatalogueAnswer<Item> {
        let exact = try await page(search)
        guard exact.total == 0, let search else { return CatalogueAnswer(page: exact) }
        if let corrected = search.corrected {
            let retried = try await page(corrected)
            if retried.total > 0 { return CatalogueAnswer(page: retried, searchedFor: corrected.text) }
        }
        return CatalogueAnswer(page: exact, didYouMean: search.didYouMean())
    }

    /// One offer or request, with whether the caller manages its organisation (and so sees its
    /// suggestions and may change it).
    func listing<L: CatalogueListing>(_ type: L.Type, _ key: String) async throws -> ListingDetail<L.View> {
        // One prepared query of the columns the page shows and the owner's (decision 0024).
        guard let listing = try await L.page(key, on: db) else { throw AppError.noSuch(L.noun, key: key) }
        // Anonymous readers, most of this page's traffic, manage nothing: no query to ask.
        var manages = false
        var changes = false
        if context.caller != nil {
            manages = try await context.permissions.mayManage(
                organisationID: listing.ownerID, partnershipID: listing.partnershipID)
            changes = try await context.permissions.isMember(of: listing.ownerID)
        }
        guard listing.validated || manages else { throw AppError.noSuch(L.noun, key: key) }
        return ListingDetail(listing: listing.view, mayManage: manages, mayChange: changes || context.caller?.isAdmin == true)
    }

    // MARK: Search

    /// The index a tab's search ranks with.
    func index<L: CatalogueListing>(for type: L.Type) async throws -> InvertedIndex {
        let matcher = try await context.matching.matcher(on: db)
        return L.self == Offer.self ? matcher.offerIndex : matcher.requestIndex
    }

    func organisationIndex() async throws -> InvertedIndex { try await context.matching.matcher(on: db).organisationIndex }

    // MARK: Shared

    /// Filters on the organisation itself, or on the host or visitor joined into a listing query.
    private func applyOrganisationFilters<M: Model>(
        _ filter: CatalogueFilter, to query: QueryBuilder<M>, on organisation: Organisation.Type
    ) async throws {
        if let country = filter.country { query.filter(Organisation.self, \.$country == country) }
        if let kind = filter.kind { query.filter(Organisation.self, \.$kind == kind) }
        if let sector = filter.sector { query.filter(Organisation.self, \.$sectorList ~~ StringList.element(sector)) }
        if let id = try await partnershipID(filter.partnership) { query.filter(Organisation.self, \.$partnership.$id == id) }
    }

    /// Catalogue search ranked by relevance: the database decides which records match (every word
    /// of the query, accent-blind, plus the filters), the BM25 index decides their order, best
    /// first, then the key.
    private func ranked<M: Model>(
        _ query: QueryBuilder<M>, key: KeyPath<M, FieldProperty<M, String>>, search: CatalogueSearch, filter: CatalogueFilter
    ) async throws -> (keys: [String], total: Int) {
        let field = M()[keyPath: key].key
        let keys = try await query.field(key).rows { try $0.of(M.self).decode(field, as: String.self) }
        let scorer = search.index.scorer(search.rankingText)
        let ranked = keys.map { ($0, scorer.score(key: $0)) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        let start = min(ranked.count, filter.offset)
        return (ranked[start..<min(ranked.count, start + filter.per)].map(\.0), ranked.count)
    }

    /// For each group of the search that names a city of a validated organisation, the city as
    /// stored. Cities are stored under the gazetteer's name ("Munich"); a word is looked up as the
    /// gazetteer reads it in each country present, so "München" and "munchen" find Munich too.
    private func cities(named search: CatalogueSearch) async throws -> [Int: [String]] {
        let stored = try await Organisation.query(on: db).filter(\.$validationStatus == .validated).unique()
            .field(\.$city).field(\.$country).all().map { ($0.city, $0.country) }
        guard !stored.isEmpty else { return [:] }
        let gazetteer = try Gazetteer.bundled()
        let present = Set(stored.map { "\($0.1)|\($0.0)" })
        let countries = Set(stored.map(\.1))
        var found: [Int: [String]] = [:]
        for (number, group) in search.groups.enumerated() {
            var places = Set<String>()
            for phrase in group where phrase.utf8.count >= 3 {
                for country in countries {
                    if let city = gazetteer.city(named: phrase, in: country), present.contains("\(country)|\(city.name)") {
                        places.insert(city.name)
                    }
                }
            }
            if !places.isEmpty { found[number] = places.sorted() }
        }
        return found
    }

    /// Rows loaded by key, put back in the ranking's order.
    private func ordered<M>(_ rows: [M], keys: [String], key: (M) -> String) -> [M] {
        let position = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        return rows.sorted { (position[key($0)] ?? .max) < (position[key($1)] ?? .max) }
    }
}

extension ServiceContext {
    var catalogue: Catalogue { Catalogue(context: self) }
}
