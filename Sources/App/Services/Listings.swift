import Fluent
import ProgrammeRules
import Vapor

/// Publishing hosting offers and visiting requests. Members of a validated organisation publish
/// them; its registration decides which (a host offers, a visitor requests), and the rules library
/// keeps host-only kinds and SMEs without a cluster from requesting visits.
enum Listings {
    /// The organisation, if `user` is an active member of it (or the support office); 404 otherwise.
    static func ownOrganisation(_ key: String, by user: User, on db: any Database) async throws -> Organisation {
        guard let organisation = try await Organisation.query(on: db).filter(\.$key == key).first(), let id = organisation.id else {
            throw Abort(.notFound, reason: "No organisation of yours has the key \"\(key)\".", identifier: "not-found")
        }
        if user.role == .admin { return organisation }
        guard try await Membership.isMember(try user.requireID(), of: id, on: db) else {
            throw Abort(.notFound, reason: "No organisation of yours has the key \"\(key)\".", identifier: "not-found")
        }
        return organisation
    }

    /// Validated, and registered in the role the listing needs (imported organisations have both).
    static func requireRole(_ organisation: Organisation, host: Bool, on db: any Database) async throws {
        guard organisation.validationStatus == .validated else {
            throw InputProblem(field: "organisation", rule: "not-validated", "\(organisation.name) is not validated yet: its partnership validates it first", status: .conflict)
        }
        let registration = try await Registration.query(on: db).filter(\.$organisation.$id == (try organisation.requireID())).first()
        if let registration, host ? !registration.asHost : !registration.asVisitor {
            throw InputProblem(field: "organisation", rule: host ? "not-a-host" : "not-a-visitor",
                "\(organisation.name) is registered as \(host ? "a visitor only: register it as a host" : "a host only: register it as a visitor") first", status: .conflict)
        }
        if !host, let kind = organisation.organisationKind {
            if kind.isHostOnly {
                throw InputProblem(field: "organisation", rule: RuleID.hostOnlyKind.rawValue, "a \(kind.displayName.lowercased()) may host but not visit")
            }
            if kind.needsClusterMembership && organisation.$cluster.id == nil {
                throw InputProblem(field: "organisation", rule: RuleID.smeWithoutCluster.rawValue, "an SME visits as a member of a cluster organisation")
            }
        }
    }

    static func apply(_ input: OfferInput, to offer: Offer) throws {
        var c = InputChecker()
        let title = c.text(input.title, "title", required: true, max: 200)
        let description = c.text(input.description, "description", required: false, max: 5_000)
        let purposes = c.list(input.purposes, "purposes", required: true, check: Validation.purposeProblem)
        let topics = c.list(input.topics, "topics")
        let languages = c.list(input.languages, "languages", check: Validation.languageProblem)
        let from = c.date(input.availableFrom, "availableFrom")
        let to = c.date(input.availableTo, "availableTo")
        if let from, let to, to < from { c.fail("availableTo", "date-order", "is before availableFrom (\(from))") }
        let capacity = input.capacity ?? 1
        if !(1...1_000).contains(capacity) { c.fail("capacity", "range", "must be between 1 and 1,000") }
        if input.virtual == true { c.fail("virtual", RuleID.virtualNotAllowed.rawValue, "virtual exchanges are not open in the programme at present") }
        guard c.problems.isEmpty, let from, let to else { throw InputProblem(c.problems) }
        offer.title = title
        offer.description = description
        offer.purposes = purposes
        offer.topics = topics
        offer.languages = languages
        offer.availableFrom = from.description
        offer.availableTo = to.description
        offer.capacity = capacity
        offer.isVirtual = false
        offer.refreshSearchText()
    }

    static func apply(_ input: RequestInput, to request: VisitRequest, visitorCountry: String) throws {
        var c = InputChecker()
        let title = c.text(input.title, "title", required: true, max: 200)
        let description = c.text(input.description, "description", required: false, max: 5_000)
        let purposes = c.list(input.purposes, "purposes", required: true, check: Validation.purposeProblem)
        let topics = c.list(input.topics, "topics")
        let languages = c.list(input.languages, "languages", check: Validation.languageProblem)
        let preferred = c.list(input.preferredCountries, "preferredCountries", check: { code in
            Validation.countryCodeProblem(code) ?? (code == visitorCountry ? "an exchange crosses a border: not your own country" : nil)
        })
        let earliest = c.date(input.earliest, "earliest")
        let latest = c.date(input.latest, "latest")
        if let earliest, let latest, latest < earliest { c.fail("latest", "date-order", "is before earliest (\(earliest))") }
        let limits = RateTable.cxcDefault.limits
        let workingDays = input.workingDays ?? 0
        if !(limits.minWorkingDays...limits.maxCalendarDays).contains(workingDays) {
            c.fail("workingDays", "range", "must be between \(limits.minWorkingDays) and \(limits.maxCalendarDays)")
        } else if let earliest, let latest, latest.dayNumber - earliest.dayNumber + 1 < workingDays {
            c.fail("workingDays", "window", "\(workingDays) working days do not fit between \(earliest) and \(latest)")
        }
        guard c.problems.isEmpty, let earliest, let latest else { throw InputProblem(c.problems) }
        request.title = title
        request.description = description
        request.purposes = purposes
        request.topics = topics
        request.languages = languages
        request.preferredCountries = preferred
        request.earliest = earliest.description
        request.latest = latest.description
        request.workingDays = workingDays
        request.refreshSearchText()
    }

    static func createOffer(for organisationKey: String, _ input: OfferInput, by user: User, on db: any Database) async throws -> Offer {
        let organisation = try await ownOrganisation(organisationKey, by: user, on: db)
        try await requireRole(organisation, host: true, on: db)
        let offer = Offer()
        try apply(input, to: offer)
        offer.$host.id = try organisation.requireID()
        offer.key = try await uniqueKey("offer", offer.title, Offer.self, \.$key, on: db)
        try await offer.save(on: db)
        return offer
    }

    static func createRequest(for organisationKey: String, _ input: RequestInput, by user: User, on db: any Database) async throws -> VisitRequest {
        let organisation = try await ownOrganisation(organisationKey, by: user, on: db)
        try await requireRole(organisation, host: false, on: db)
        let request = VisitRequest()
        try apply(input, to: request, visitorCountry: organisation.country)
        request.$visitor.id = try organisation.requireID()
        request.key = try await uniqueKey("request", request.title, VisitRequest.self, \.$key, on: db)
        try await request.save(on: db)
        return request
    }

    /// The offer, if `user` may change it (its host's members, the support office); 404 otherwise.
    static func ownOffer(_ key: String, by user: User, on db: any Database) async throws -> Offer {
        guard let offer = try await Offer.query(on: db).filter(\.$key == key).with(\.$host).first() else {
            throw Abort(.notFound, reason: "No offer has the key \"\(key)\".", identifier: "not-found")
        }
        _ = try await ownOrganisation(offer.host.key, by: user, on: db)
        return offer
    }

    static func ownRequest(_ key: String, by user: User, on db: any Database) async throws -> VisitRequest {
        guard let request = try await VisitRequest.query(on: db).filter(\.$key == key).with(\.$visitor).first() else {
            throw Abort(.notFound, reason: "No request has the key \"\(key)\".", identifier: "not-found")
        }
        _ = try await ownOrganisation(request.visitor.key, by: user, on: db)
        return request
    }

    static func uniqueKey<M: Model>(_ prefix: String, _ title: String, _ type: M.Type, _ key: KeyPath<M, FieldProperty<M, String>>, on db: any Database) async throws -> String {
        let slug = NameFolding.fold(title).split(separator: " ").prefix(5).joined(separator: "-")
        let base = "\(prefix)-\(slug.isEmpty ? "untitled" : String(slug.prefix(50)))"
        var candidate = base
        var suffix = 2
        while try await M.query(on: db).filter(key == candidate).first() != nil {
            candidate = "\(base)-\(suffix)"
            suffix += 1
        }
        return candidate
    }
}
