import ProgrammeRules
import Vapor

/// The catalogue's filters, read from the query string and checked: a bad value is a 422 that
/// names the parameter, never an empty list that hides the mistake.
struct CatalogueFilter: Sendable, Equatable {
    var country: String?
    var kind: String?
    var sector: String?
    var purpose: String?
    var topic: String?
    var language: String?
    var partnership: String?
    var q: String?
    var page = 1
    var per = 20

    static let maximumPerPage = 100

    init() {}

    init(query: URLQueryContainer) throws {
        struct Raw: Decodable {
            var country, kind, sector, purpose, topic, language, partnership, q, page, per: String?
        }
        let raw = (try? query.decode(Raw.self)) ?? Raw()
        var problems: [FieldProblem] = []
        func clean(_ value: String?) -> String? {
            value.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        country = clean(raw.country)
        if let country, Validation.country(country) == nil {
            problems.append(FieldProblem(field: "country", rule: "country-code", message: Validation.countryProblem(country)))
        }
        kind = clean(raw.kind)
        if let kind, OrganisationKind(rawValue: kind) == nil {
            problems.append(FieldProblem(field: "kind", rule: "kind-unknown",
                message: "must be one of \(OrganisationKind.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        sector = clean(raw.sector)
        if let sector, let problem = Validation.sectorProblem(sector) {
            problems.append(FieldProblem(field: "sector", rule: "nace-code", message: problem))
        }
        purpose = clean(raw.purpose)
        if let purpose, let problem = Validation.purposeProblem(purpose) {
            problems.append(FieldProblem(field: "purpose", rule: "purpose-unknown", message: problem))
        }
        language = clean(raw.language)
        if let language, let problem = Validation.languageProblem(language) {
            problems.append(FieldProblem(field: "language", rule: "language-code", message: problem))
        }
        topic = clean(raw.topic)
        partnership = clean(raw.partnership)
        q = clean(raw.q).map { String($0.prefix(200)) }
        if let text = clean(raw.page) {
            if let value = Int(text), value >= 1 { page = value } else {
                problems.append(FieldProblem(field: "page", rule: "page-number", message: "must be a whole number from 1"))
            }
        }
        if let text = clean(raw.per) {
            if let value = Int(text), (1...Self.maximumPerPage).contains(value) { per = value } else {
                problems.append(FieldProblem(field: "per", rule: "page-size", message: "must be a whole number from 1 to \(Self.maximumPerPage)"))
            }
        }
        if !problems.isEmpty { throw InputProblem(problems) }
    }

    /// The query string of these filters at another page, for links.
    func queryString(page: Int) -> String {
        var parts: [(String, String?)] = [("country", country), ("kind", kind), ("sector", sector), ("purpose", purpose),
            ("topic", topic), ("language", language), ("partnership", partnership), ("q", q)]
        parts.append(("page", String(page)))
        if per != 20 { parts.append(("per", String(per))) }
        return parts.compactMap { name, value in
            value.map { "\(name)=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
        }.joined(separator: "&")
    }
}
