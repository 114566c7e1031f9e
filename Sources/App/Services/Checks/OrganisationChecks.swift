import ProgrammeRules

/// The checks of an organisation's profile, one place for the API, the forms and the import.
enum OrganisationChecks {
    /// `sectorsRequired`: people must name a sector; an import (from other systems, which the
    /// contract does not oblige to) may leave them out.
    static func fields(_ input: OrganisationInput, gazetteer: Gazetteer, sectorsRequired: Bool = true) throws(AppError)
        -> OrganisationFields
    {
        var c = InputChecker()
        let name = c.text(input.name, "name", required: true, max: 200)
        let kind = OrganisationKind(rawValue: (input.kind ?? "").trimmingCharacters(in: .whitespaces))
        if kind == nil { c.fail("kind", "kind-unknown", Validation.kindProblem(input.kind ?? "")) }
        let countryText = c.text(input.country, "country", required: true, max: 60)
        let country = Validation.country(nameOrCode: countryText)
        if country == nil && !countryText.isEmpty { c.fail("country", "country-code", Validation.countryProblem(countryText)) }
        var city: City?
        let cityName = c.text(input.city, "city", required: true, max: 200)
        if let country, !cityName.isEmpty {
            do { city = try gazetteer.resolve("\(cityName), \(country)") } catch { c.fail("city", "unknown-city", "\(error)") }
        }
        let sectors = c.list(
            input.sectors.map { $0.map { $0.uppercased() } }, "sectors", required: sectorsRequired,
            check: Validation.sectorProblem)
        let topics = c.list(input.topics, "topics")
        let languages = c.list(
            input.languages?.map { Validation.languageCode($0) ?? $0 }, "languages", check: Validation.languageProblem)
        let description = c.text(input.description, "description", required: false, max: 5_000)
        var website = c.text(input.website, "website", required: false, max: 500)
        // "clusterxchange.eu" is taken as people mean it: https:// is added.
        if !website.isEmpty, !website.contains("://"), website.contains("."), !website.contains(" ") {
            website = "https://" + website
        }
        if !website.isEmpty, !(website.hasPrefix("https://") || website.hasPrefix("http://")) || website.contains(" ") {
            c.fail("website", "url", "must be an address starting with https:// or http://")
        }
        let cluster = c.text(input.cluster, "cluster", required: false, max: 100)
        guard c.problems.isEmpty, let kind, let city else { throw .invalid(c.problems) }
        return OrganisationFields(
            name: name, kind: kind, city: city, sectors: sectors, topics: topics, languages: languages, description: description,
            website: website.isEmpty ? nil : website, cluster: cluster.isEmpty ? nil : cluster)
    }
}
