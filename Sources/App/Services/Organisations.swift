import Fluent
import ProgrammeRules
import Vapor

/// Creating organisations from people's input.
enum Organisations {
    struct Checked {
        let input: OrganisationInput
        let name: String
        let kind: OrganisationKind
        let city: City
        let sectors: [String]
        let topics: [String]
        let languages: [String]
    }

    /// Every field checked; all problems reported together.
    static func check(_ input: OrganisationInput, gazetteer: Gazetteer) throws -> Checked {
        var c = InputChecker()
        let name = c.text(input.name, "name", required: true, max: 200)
        let kind = OrganisationKind(rawValue: input.kind ?? "")
        if kind == nil { c.fail("kind", "kind-unknown", "must be one of \(OrganisationKind.allCases.map(\.rawValue).joined(separator: ", "))") }
        let countryText = (input.country ?? "").trimmingCharacters(in: .whitespaces)
        let country = Validation.country(countryText)
        if country == nil { c.fail("country", "country-code", Validation.countryProblem(countryText)) }
        var city: City?
        let cityName = c.text(input.city, "city", required: true, max: 200)
        if let country, !cityName.isEmpty {
            do { city = try gazetteer.resolve("\(cityName), \(country)") } catch { c.fail("city", "unknown-city", "\(error)") }
        }
        let sectors = c.list(input.sectors, "sectors", required: true, check: Validation.sectorProblem)
        let topics = c.list(input.topics, "topics")
        let languages = c.list(input.languages, "languages", check: Validation.languageProblem)
        _ = c.text(input.description, "description", required: false, max: 5_000)
        if let website = input.website?.trimmingCharacters(in: .whitespaces), !website.isEmpty,
            !(website.hasPrefix("https://") || website.hasPrefix("http://")) || website.count > 500 {
            c.fail("website", "url", "must be an address starting with https:// or http://")
        }
        let problems = c.problems
        guard problems.isEmpty, let kind, let city else { throw InputProblem(problems) }
        return Checked(input: input, name: name, kind: kind, city: city, sectors: sectors, topics: topics, languages: languages)
    }

    /// Creates a pending organisation with `user` as its admin.
    static func create(_ input: OrganisationInput, by user: User, on db: any Database, gazetteer: Gazetteer) async throws -> Organisation {
        let checked = try check(input, gazetteer: gazetteer)
        let clusterID = try await clusterID(input.cluster, on: db)
        let organisation = Organisation()
        organisation.key = try await uniqueKey(for: checked.name, on: db)
        apply(checked, input, clusterID: clusterID, to: organisation)
        organisation.validationStatus = .pending
        let userID = try user.requireID()
        try await db.transaction { tx in
            try await organisation.save(on: tx)
            try await Membership(organisationID: try organisation.requireID(), userID: userID, isAdmin: true).save(on: tx)
        }
        return organisation
    }

    /// Changes the profile. Its admins and the support office may; a change of kind or country of
    /// a validated organisation goes back to its partnership for validation.
    static func update(_ key: String, _ input: OrganisationInput, by user: User, on db: any Database, gazetteer: Gazetteer, linkBase: String) async throws -> Organisation {
        let organisation = try await Memberships.administered(key, by: user, on: db)
        let checked = try check(input, gazetteer: gazetteer)
        let clusterID = try await clusterID(input.cluster, on: db)
        let revalidate = organisation.validationStatus == .validated
            && (organisation.kind != checked.kind.rawValue || organisation.country != checked.city.country.rawValue)
        apply(checked, input, clusterID: clusterID, to: organisation)
        let organisationID = try organisation.requireID()
        try await db.transaction { tx in
            if revalidate, let registration = try await Registration.query(on: tx).filter(\.$organisation.$id == organisationID).first() {
                organisation.validationStatus = .pending
                organisation.validationReason = "The kind or the country changed: the partnership validates it again."
                registration.status = .submitted
                try await registration.save(on: tx)
                let coordinators = try await PartnershipCoordinator.query(on: tx).filter(\.$partnership.$id == registration.$partnership.id).with(\.$user).all()
                for coordinator in coordinators {
                    try await Mailer.enqueue(to: coordinator.user.email, subject: "To validate again: \(organisation.name)",
                        body: "\(organisation.name) changed its kind or country and needs your validation again: \(linkBase)/validation\n", on: tx)
                }
            }
            try await organisation.save(on: tx)
        }
        return organisation
    }

    /// The cluster an SME names, which must be a validated cluster organisation.
    static func clusterID(_ key: String?, on db: any Database) async throws -> UUID? {
        guard let clusterKey = key?.trimmingCharacters(in: .whitespaces), !clusterKey.isEmpty else { return nil }
        guard let cluster = try await Organisation.query(on: db).filter(\.$key == clusterKey).first(),
            cluster.organisationKind == .clusterOrganisation, cluster.validationStatus == .validated
        else {
            throw InputProblem(field: "cluster", rule: "unknown-cluster", "no validated cluster organisation has the key \"\(clusterKey)\"")
        }
        return cluster.id
    }

    static func apply(_ checked: Checked, _ input: OrganisationInput, clusterID: UUID?, to organisation: Organisation) {
        organisation.name = checked.name
        organisation.kind = checked.kind.rawValue
        organisation.country = checked.city.country.rawValue
        organisation.city = checked.city.name
        organisation.latitude = checked.city.coordinate.latitude
        organisation.longitude = checked.city.coordinate.longitude
        organisation.timeZone = checked.city.timeZoneIdentifier
        organisation.sectors = checked.sectors
        organisation.topics = checked.topics
        organisation.languages = checked.languages
        organisation.description = (input.description ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        organisation.website = input.website.flatMap { $0.isEmpty ? nil : $0 }
        organisation.$cluster.id = clusterID
        organisation.refreshSearchText()
    }

    /// "Lyon Photonics Cluster" -> "lyon-photonics-cluster", with a suffix if taken.
    static func uniqueKey(for name: String, on db: any Database) async throws -> String {
        let slug = NameFolding.fold(name).split(separator: " ").prefix(6).joined(separator: "-")
        let base = slug.isEmpty ? "organisation" : String(slug.prefix(60))
        var candidate = base
        var suffix = 2
        while try await Organisation.query(on: db).filter(\.$key == candidate).first() != nil {
            candidate = "\(base)-\(suffix)"
            suffix += 1
        }
        return candidate
    }

    /// Partnerships that fit the organisation: its country among theirs, and its sectors (same
    /// division counts double, same section once). Best first, with the reasons.
    static func suggestPartnerships(for organisation: Organisation, on db: any Database) async throws -> [PartnershipSuggestion] {
        let partnerships = try await Partnership.query(on: db).all()
        let sectors = organisation.sectors.compactMap(NACECode.init)
        let suggestions = partnerships.map { partnership -> PartnershipSuggestion in
            var score = 0
            var reasons: [String] = []
            if partnership.countries.contains(organisation.country) {
                score += 2
                reasons.append("has cluster members in \(organisation.country)")
            }
            let theirs = partnership.sectors.compactMap(NACECode.init)
            let sameDivision = sectors.filter { theirs.contains($0) }
            let sameSection = sectors.filter { s in !theirs.contains(s) && theirs.contains { $0.section == s.section } }
            if !sameDivision.isEmpty {
                score += 2 * sameDivision.count
                reasons.append("works in sector " + sameDivision.map(\.description).joined(separator: ", "))
            }
            if !sameSection.isEmpty {
                score += sameSection.count
                reasons.append("works in the same NACE section " + Set(sameSection.map { String($0.section) }).sorted().joined(separator: ", "))
            }
            return PartnershipSuggestion(key: partnership.key, name: partnership.name, score: score, reasons: reasons)
        }
        return suggestions.filter { $0.score > 0 }.sorted { ($0.score, $1.name) > ($1.score, $0.name) }
    }
}
