import Foundation
import ProgrammeRules

/// Turns JSON Lines into checked records. Every problem of every line is reported; nothing is
/// written here.
struct ImportParser {
    let gazetteer: Gazetteer

    /// The types of record a line may hold.
    static let types = ["partnership", "organisation", "offer", "request"]

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
            // A misspelt field is the likeliest cause of a "required" one: name the fields not read.
            let unread = object.keys.filter { $0 != "type" && !reader.asked.contains($0) }.sorted()
            if !reader.issues.isEmpty, !unread.isEmpty, let type = reader.issues.first?.type {
                issues.append(
                    ImportIssue(
                        line: line, key: key, field: nil,
                        message: "\(unread.joined(separator: ", ")) \(unread.count == 1 ? "is no field" : "are no fields") "
                            + "of \(Self.article(type)) \(type)", type: type))
            }
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

    /// "An organisation's fields: …": the fields a record of the type reads, the required ones
    /// first, as found by reading an empty record of that type.
    func guide(for type: String) -> String? {
        guard Self.types.contains(type) else { return nil }
        var reader = FieldReader(object: ["type": .string(type)], line: 1, key: nil)
        _ = parse(&reader)
        let required = reader.asked.filter { field in reader.issues.contains { $0.field == field } }
        let optional = reader.asked.filter { $0 != "type" && !required.contains($0) }
        var text = "\(Self.article(type).capitalized) \(type)'s fields: type and \(required.joined(separator: ", ")) (required)"
        if !optional.isEmpty { text += "; \(optional.joined(separator: ", ")) (optional)" }
        return text + "."
    }

    private static func article(_ type: String) -> String { ["a", "e", "i", "o", "u"].contains(type.prefix(1)) ? "an" : "a" }

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

    /// The organisation's fields go through the same checks as the API's.
    private func organisation(_ r: inout FieldReader, key: String?) -> OrganisationRecord? {
        let input = OrganisationInput(
            name: r.text("name"), kind: r.text("kind"), country: r.text("country"), city: r.text("city"),
            sectors: r.texts("sectors"),
            topics: r.texts("topics"), description: r.text("description"), languages: r.texts("languages"),
            website: r.text("website"),
            cluster: r.text("cluster"))
        let partnership = r.string("partnership", required: false, maxLength: 100)
        if let cluster = input.cluster, cluster == key { r.fail("cluster", "an organisation cannot be its own cluster") }
        do {
            let fields = try OrganisationChecks.fields(input, gazetteer: gazetteer, sectorsRequired: false)
            guard let key else { return nil }
            return OrganisationRecord(line: r.line, key: key, fields: fields, partnership: partnership)
        } catch {
            r.report(error)
            return nil
        }
    }

    /// The offer's fields go through the same checks as the API's.
    private func offer(_ r: inout FieldReader, key: String?) -> OfferRecord? {
        let host = r.string("host", maxLength: 100)
        let input = OfferInput(
            title: r.text("title"), description: r.text("description"), purposes: r.texts("purposes"), topics: r.texts("topics"),
            availableFrom: r.text("availableFrom"), availableTo: r.text("availableTo"), capacity: r.number("capacity"),
            languages: r.texts("languages"), virtual: r.bool("virtual", default: false))
        do {
            // Imports may carry virtual offers; whether they are suggested is the matching rules' call.
            let fields = try ListingChecks.offer(input, virtualAllowed: true)
            guard let key, let host else { return nil }
            return OfferRecord(line: r.line, key: key, host: host, fields: fields)
        } catch {
            r.report(error)
            return nil
        }
    }

    /// The request's fields go through the same checks as the API's.
    private func request(_ r: inout FieldReader, key: String?) -> RequestRecord? {
        let visitor = r.string("visitor", maxLength: 100)
        let input = RequestInput(
            title: r.text("title"), description: r.text("description"), purposes: r.texts("purposes"), topics: r.texts("topics"),
            earliest: r.text("earliest"), latest: r.text("latest"), workingDays: r.number("workingDays"),
            preferredCountries: r.texts("preferredCountries"), languages: r.texts("languages"))
        do {
            let fields = try ListingChecks.request(input, visitorCountry: nil)
            guard let key, let visitor else { return nil }
            return RequestRecord(line: r.line, key: key, visitor: visitor, fields: fields)
        } catch {
            r.report(error)
            return nil
        }
    }
}
