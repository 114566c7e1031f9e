import Foundation
import ProgrammeRules

/// Turns JSON Lines into checked records. Every problem of every line is reported; nothing is
/// written here.
struct ImportParser {
    let gazetteer: Gazetteer

    func parse(_ text: String) -> (records: [ImportRecord], issues: [ImportIssue]) {
        var records: [ImportRecord] = []
        var issues: [ImportIssue] = []
        var seen: [String: Int] = [:]  // "type/key" -> line
        let decoder = JSONDecoder()
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let trimmed = rawLine.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard let value = try? decoder.decode(JSONValue.self, from: Data(trimmed.utf8)) else {
                issues.append(ImportIssue(line: line, key: nil, field: nil, message: "is not valid JSON"))
                continue
            }
            guard case .object(let object) = value else {
                issues.append(
                    ImportIssue(line: line, key: nil, field: nil, message: "must be a JSON object, not \(value.typeName)"))
                continue
            }
            let key: String? = if case .string(let k) = object["key"] { k } else { nil }
            var reader = FieldReader(object: object, line: line, key: key)
            let record = parse(&reader)
            issues += reader.issues
            guard let record else { continue }
            if let key, let type = object["type"], case .string(let typeName) = type {
                if let first = seen["\(typeName)/\(key)"] {
                    issues.append(
                        ImportIssue(line: line, key: key, field: "key", message: "repeats the \(typeName) of line \(first)"))
                    continue
                }
                seen["\(typeName)/\(key)"] = line
            }
            if reader.issues.isEmpty { records.append(record) }
        }
        return (records, issues)
    }

    private func parse(_ r: inout FieldReader) -> ImportRecord? {
        let key = r.string("key", maxLength: 100)
        if let key, let problem = Validation.keyProblem(key) { r.fail("key", problem) }
        switch r.string("type") {
        case "partnership": return partnership(&r, key: key).map(ImportRecord.partnership)
        case "organisation": return organisation(&r, key: key).map(ImportRecord.organisation)
        case "offer": return offer(&r, key: key).map(ImportRecord.offer)
        case "request": return request(&r, key: key).map(ImportRecord.request)
        case nil: return nil
        case let other?:
            r.fail("type", "must be partnership, organisation, offer or request, got \"\(other)\"")
            return nil
        }
    }

    private func partnership(_ r: inout FieldReader, key: String?) -> PartnershipRecord? {
        let name = r.string("name", maxLength: 200)
        let description = r.string("description", required: false) ?? ""
        let countries = r.strings("countries", validate: Validation.countryCodeProblem)
        let sectors = r.strings("sectors", validate: Validation.sectorProblem)
        let budget = r.integer("budgetCents", in: 0...100_000_000_000)
        let target = r.integer("targetExchanges", in: 0...1_000_000)
        guard let key, let name, let budget, let target else { return nil }
        return PartnershipRecord(
            line: r.line, key: key, name: name, description: description, countries: countries,
            sectors: sectors, budgetCents: budget, targetExchanges: target)
    }

    private func organisation(_ r: inout FieldReader, key: String?) -> OrganisationRecord? {
        let name = r.string("name", maxLength: 200)
        var kind: OrganisationKind?
        if let text = r.string("kind") {
            kind = OrganisationKind(rawValue: text)
            if kind == nil {
                r.fail(
                    "kind", "must be one of \(OrganisationKind.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(text)\""
                )
            }
        }
        let country = r.country("country")
        let cityName = r.string("city", maxLength: 200)
        var city: City?
        if let country, let cityName {
            do {
                city = try gazetteer.resolve("\(cityName), \(country)")
            } catch {
                r.fail("city", "\(error)")
            }
        }
        let sectors = r.strings("sectors", validate: Validation.sectorProblem)
        let topics = r.strings("topics")
        let description = r.string("description", required: false, maxLength: 5_000) ?? ""
        let languages = r.strings("languages", validate: Validation.languageProblem)
        let website = r.string("website", required: false, maxLength: 500)
        if let website, !(website.hasPrefix("https://") || website.hasPrefix("http://")) {
            r.fail("website", "must start with https:// or http://")
        }
        let partnership = r.string("partnership", required: false, maxLength: 100)
        let cluster = r.string("cluster", required: false, maxLength: 100)
        if let cluster, cluster == key { r.fail("cluster", "an organisation cannot be its own cluster") }
        guard let key, let name, let kind, let city else { return nil }
        return OrganisationRecord(
            line: r.line, key: key, name: name, kind: kind, city: city, sectors: sectors, topics: topics,
            description: description, languages: languages, website: website, partnership: partnership, cluster: cluster)
    }

    private func offer(_ r: inout FieldReader, key: String?) -> OfferRecord? {
        let host = r.string("host", maxLength: 100)
        let title = r.string("title", maxLength: 200)
        let description = r.string("description", required: false, maxLength: 5_000) ?? ""
        let purposes = r.strings("purposes", required: true, validate: Validation.purposeProblem)
        let topics = r.strings("topics")
        let from = r.date("availableFrom")
        let to = r.date("availableTo")
        if let from, let to, to < from { r.fail("availableTo", "is before availableFrom (\(from))") }
        let capacity = r.integer("capacity", in: 1...1_000)
        let languages = r.strings("languages", validate: Validation.languageProblem)
        let isVirtual = r.bool("virtual", default: false)
        guard let key, let host, let title, let from, let to, let capacity else { return nil }
        return OfferRecord(
            line: r.line, key: key, host: host, title: title, description: description, purposes: purposes,
            topics: topics, availableFrom: from, availableTo: to, capacity: capacity, languages: languages, isVirtual: isVirtual)
    }

    private func request(_ r: inout FieldReader, key: String?) -> RequestRecord? {
        let visitor = r.string("visitor", maxLength: 100)
        let title = r.string("title", maxLength: 200)
        let description = r.string("description", required: false, maxLength: 5_000) ?? ""
        let purposes = r.strings("purposes", required: true, validate: Validation.purposeProblem)
        let topics = r.strings("topics")
        let earliest = r.date("earliest")
        let latest = r.date("latest")
        if let earliest, let latest, latest < earliest { r.fail("latest", "is before earliest (\(earliest))") }
        let limits = RateTable.cxcDefault.limits
        let workingDays = r.integer("workingDays", in: limits.minWorkingDays...limits.maxCalendarDays)
        if let earliest, let latest, let workingDays, latest.dayNumber - earliest.dayNumber + 1 < workingDays {
            r.fail("workingDays", "\(workingDays) working days do not fit between \(earliest) and \(latest)")
        }
        let preferred = r.strings("preferredCountries", validate: Validation.countryCodeProblem)
        let languages = r.strings("languages", validate: Validation.languageProblem)
        guard let key, let visitor, let title, let earliest, let latest, let workingDays else { return nil }
        return RequestRecord(
            line: r.line, key: key, visitor: visitor, title: title, description: description,
            purposes: purposes, topics: topics, earliest: earliest, latest: latest, workingDays: workingDays,
            preferredCountries: preferred, languages: languages)
    }
}
