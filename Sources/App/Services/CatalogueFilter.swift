import ProgrammeRules
import Vapor

/// The catalogue's filters, read from the query string and checked: a bad value is a 422 that
/// names the parameter, never an empty list that hides the mistake. Every number is bounded
/// before it reaches arithmetic (a page of 10^18 once stopped the server).
struct CatalogueFilter: Sendable, Equatable {
    var country: CountryCode?
    var kind: OrganisationKind?
    var sector: String?
    var purpose: Purpose?
    var topic: String?
    var language: String?
    var partnership: String?
    var q: String?
    /// Without a search, newest first unless the reader asks for names A to Z; a search ranks
    /// by how well each matches, whatever this says.
    var order: CatalogueOrder = .newest
    var page = 1
    /// Items a page; 0 (set by code, never from a query) asks only how many there are.
    var per = 20

    static let maximumPerPage = 100
    static let maximumPage = 1_000
    /// Longer filter texts are refused; search text beyond this is cut.
    static let maximumTextBytes = 200

    init() {}

    init(query: URLQueryContainer) throws(AppError) {
        struct Raw: Decodable {
            var country, kind, sector, purpose, topic, language, partnership, q, order, page, per: String?
        }
        let raw: Raw
        do {
            raw = try query.decode(Raw.self)
        } catch let error as DecodingError {
            // A parameter given twice (`?country=DE&country=FR`) does not decode as one value.
            throw .badQuery(error.fieldPath, "repeated", "give \(error.fieldPath) once")
        } catch {
            throw .badQuery("(query)", "malformed", "the query string cannot be read")
        }
        var problems: [FieldProblem] = []
        func clean(_ value: String?, _ field: String) -> String? {
            guard let text = value?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard text.utf8.count <= Self.maximumTextBytes else {
                problems.append(FieldProblem(field, "too-long", "must be at most \(Self.maximumTextBytes) bytes"))
                return nil
            }
            return text
        }
        if let text = clean(raw.country, "country") {
            // A code or a name: "DE", "de" or "Germany".
            country = Validation.country(nameOrCode: text)
            if country == nil { problems.append(FieldProblem("country", "country-code", Validation.countryProblem(text))) }
        }
        if let text = clean(raw.kind, "kind") {
            kind = OrganisationKind(rawValue: text)
            if kind == nil { problems.append(FieldProblem("kind", "kind-unknown", Validation.kindProblem(text))) }
        }
        if let text = clean(raw.sector, "sector") {
            sector = NACECode(text)?.description
            if sector == nil, let problem = Validation.sectorProblem(text) {
                problems.append(FieldProblem("sector", "nace-code", problem))
            }
        }
        if let text = clean(raw.purpose, "purpose") {
            purpose = Purpose(rawValue: text)
            if purpose == nil, let problem = Validation.purposeProblem(text) {
                problems.append(FieldProblem("purpose", "purpose-unknown", problem))
            }
        }
        if let text = clean(raw.language, "language") {
            language = Validation.languageCode(text)
            if language == nil, let problem = Validation.languageProblem(text) {
                problems.append(FieldProblem("language", "language-code", problem))
            }
        }
        topic = clean(raw.topic, "topic")
        partnership = clean(raw.partnership, "partnership")
        q = raw.q.map { String($0.trimmingCharacters(in: .whitespaces).utf8.prefix(Self.maximumTextBytes)) ?? "" }
            .flatMap { $0.isEmpty ? nil : $0 }
        if let text = clean(raw.order, "order") {
            if let value = CatalogueOrder(rawValue: text) {
                order = value
            } else {
                problems.append(FieldProblem("order", "order-unknown", "must be \"newest\" or \"name\""))
            }
        }
        if let text = raw.page?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            if let value = Int(text), (1...Self.maximumPage).contains(value) {
                page = value
            } else {
                problems.append(FieldProblem("page", "page-number", "must be a whole number from 1 to \(Self.maximumPage)"))
            }
        }
        if let text = raw.per?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            if let value = Int(text), (1...Self.maximumPerPage).contains(value) {
                per = value
            } else {
                problems.append(FieldProblem("per", "page-size", "must be a whole number from 1 to \(Self.maximumPerPage)"))
            }
        }
        // A query is part of the address: one that cannot be read or asks for what is not there is a
        // malformed request (400), as everywhere; 422 is for a body whose input breaks a rule.
        if !problems.isEmpty { throw .invalid(problems, status: .badRequest) }
    }

    /// The first row of the page; both factors are bounded, so this cannot overflow.
    var offset: Int { (page - 1) * per }

    /// Up to five words of the search box.
    var terms: [String] {
        (q ?? "").split(whereSeparator: { $0.isWhitespace }).prefix(5).map(String.init).filter { !NameFolding.fold($0).isEmpty }
    }

    /// The query string of these filters at another page, for links.
    func queryString(page: Int) -> String {
        var parts: [(String, String?)] = [
            ("country", country?.rawValue), ("kind", kind?.rawValue), ("sector", sector), ("purpose", purpose?.rawValue),
            ("topic", topic), ("language", language), ("partnership", partnership), ("q", q),
        ]
        if order != .newest { parts.append(("order", order.rawValue)) }
        parts.append(("page", String(page)))
        if per != 20 { parts.append(("per", String(per))) }
        return parts.compactMap { name, value in
            value.map { "\(name)=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
        }.joined(separator: "&")
    }
}

/// The catalogue's order when nothing is searched for.
enum CatalogueOrder: String, Sendable, CaseIterable {
    /// The latest published first: what is new is what a returning reader looks for.
    case newest
    /// Names (or titles) from A to Z.
    case name

    var label: String {
        switch self {
        case .newest: "Newest first"
        case .name: "Name, A to Z"
        }
    }
}
