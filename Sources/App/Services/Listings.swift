import Fluent
import ProgrammeRules
import Vapor

/// Publishing, changing and withdrawing hosting offers and visiting requests. Members of a
/// validated organisation publish them; its registration decides which (a host offers, a visitor
/// requests), and the rules library decides who may visit at all.
struct Listings {
    let context: ServiceContext

    private var db: any Database { context.db }

    static let maximumCapacity = 1_000

    // MARK: Offers

    func createOffer(for organisationKey: String, _ input: OfferInput) async throws -> OfferDTO {
        let organisation = try await context.organisations.own(organisationKey)
        try await requireRole(organisation, host: true)
        let offer = Offer()
        try apply(input, to: offer)
        offer.$host.id = try organisation.requireID()
        try await UniqueKeys.insert(
            base: UniqueKeys.slug(offer.title, prefix: "offer", words: 5, fallback: "untitled"), \Offer.$key, on: db
        ) {
            key, tx in
            offer.id = nil
            offer.key = key
            try await offer.create(on: tx)
        }
        return OfferDTO(offer, host: organisation)
    }

    func updateOffer(_ key: String, _ input: OfferInput) async throws -> OfferDTO {
        let offer = try await ownOffer(key)
        try apply(input, to: offer)
        try await offer.save(on: db)
        return OfferDTO(offer, host: offer.host)
    }

    func deleteOffer(_ key: String) async throws {
        try await ownOffer(key).delete(on: db)
    }

    /// The offer, if the caller may change it (its host's members, the support office); 404 otherwise.
    func ownOffer(_ key: String) async throws -> Offer {
        guard let offer = try await Offer.query(on: db).filter(\.$key == key).with(\.$host).first() else {
            throw AppError.noSuch("offer", key: key)
        }
        _ = try await context.organisations.own(offer.host.key)
        return offer
    }

    private func apply(_ input: OfferInput, to offer: Offer) throws(AppError) {
        var c = InputChecker()
        let title = c.text(input.title, "title", required: true, max: 200)
        let description = c.text(input.description, "description", required: false, max: 5_000)
        let purposes = c.list(input.purposes, "purposes", required: true, check: Validation.purposeProblem)
        let topics = c.list(input.topics, "topics")
        let languages = c.list(
            input.languages?.map { Validation.languageCode($0) ?? $0 }, "languages", check: Validation.languageProblem)
        let from = c.date(input.availableFrom, "availableFrom")
        let to = c.date(input.availableTo, "availableTo")
        if let from, let to, to < from { c.fail("availableTo", "date-order", "is before the first day available (\(from))") }
        let capacity = c.number(input.capacity, "capacity", in: 1...Self.maximumCapacity, default: 1)
        if input.virtual == true && !context.matching.rules.virtualExchangesAllowed {
            c.fail("virtual", RuleID.virtualNotAllowed.rawValue, "virtual exchanges are not open in the programme at present")
        }
        guard c.problems.isEmpty, let from, let to, let capacity else { throw .invalid(c.problems) }
        offer.title = title
        offer.description = description
        offer.purposes = purposes.compactMap(Purpose.init(rawValue:))
        offer.topics = topics
        offer.languages = languages
        offer.availableFrom = from
        offer.availableTo = to
        offer.capacity = capacity
        offer.isVirtual = input.virtual == true
        offer.refreshSearchText()
    }

    // MARK: Requests

    func createRequest(for organisationKey: String, _ input: RequestInput) async throws -> RequestDTO {
        let organisation = try await context.organisations.own(organisationKey)
        try await requireRole(organisation, host: false)
        let request = VisitRequest()
        try apply(input, to: request, visitorCountry: organisation.country)
        request.$visitor.id = try organisation.requireID()
        try await UniqueKeys.insert(
            base: UniqueKeys.slug(request.title, prefix: "request", words: 5, fallback: "untitled"), \VisitRequest.$key, on: db
        ) { key, tx in
            request.id = nil
            request.key = key
            try await request.create(on: tx)
        }
        return RequestDTO(request, visitor: organisation)
    }

    func updateRequest(_ key: String, _ input: RequestInput) async throws -> RequestDTO {
        let request = try await ownRequest(key)
        try apply(input, to: request, visitorCountry: request.visitor.country)
        try await request.save(on: db)
        return RequestDTO(request, visitor: request.visitor)
    }

    func deleteRequest(_ key: String) async throws {
        try await ownRequest(key).delete(on: db)
    }

    func ownRequest(_ key: String) async throws -> VisitRequest {
        guard let request = try await VisitRequest.query(on: db).filter(\.$key == key).with(\.$visitor).first() else {
            throw AppError.noSuch("request", key: key)
        }
        _ = try await context.organisations.own(request.visitor.key)
        return request
    }

    private func apply(_ input: RequestInput, to request: VisitRequest, visitorCountry: CountryCode) throws(AppError) {
        var c = InputChecker()
        let title = c.text(input.title, "title", required: true, max: 200)
        let description = c.text(input.description, "description", required: false, max: 5_000)
        let purposes = c.list(input.purposes, "purposes", required: true, check: Validation.purposeProblem)
        let topics = c.list(input.topics, "topics")
        let languages = c.list(
            input.languages?.map { Validation.languageCode($0) ?? $0 }, "languages", check: Validation.languageProblem)
        let preferred = c.list(input.preferredCountries?.map { $0.uppercased() }, "preferredCountries") { code in
            Validation.countryCodeProblem(code)
                ?? (code == visitorCountry.rawValue ? "an exchange crosses a border: not your own country" : nil)
        }
        let earliest = c.date(input.earliest, "earliest")
        let latest = c.date(input.latest, "latest")
        if let earliest, let latest, latest < earliest {
            c.fail("latest", "date-order", "is before the earliest start (\(earliest))")
        }
        let limits = RateTable.cxcDefault.limits
        let workingDays = c.number(input.workingDays, "workingDays", in: limits.minWorkingDays...limits.maxCalendarDays)
        if let workingDays, let earliest, let latest, latest.dayNumber - earliest.dayNumber + 1 < workingDays {
            c.fail("workingDays", "window", "\(workingDays) working days do not fit between \(earliest) and \(latest)")
        }
        guard c.problems.isEmpty, let earliest, let latest, let workingDays else { throw .invalid(c.problems) }
        request.title = title
        request.description = description
        request.purposes = purposes.compactMap(Purpose.init(rawValue:))
        request.topics = topics
        request.languages = languages
        request.preferredCountries = preferred.compactMap(CountryCode.init)
        request.earliest = earliest
        request.latest = latest
        request.workingDays = workingDays
        request.refreshSearchText()
    }

    // MARK: Who may publish what

    /// Validated, registered in the role the listing needs (imported organisations have both),
    /// and, to request visits, allowed to visit by the programme's rules.
    private func requireRole(_ organisation: Organisation, host: Bool) async throws {
        guard organisation.validationStatus == .validated else {
            throw AppError.conflict(
                "organisation", "not-validated", "\(organisation.name) is not validated yet: its partnership validates it first")
        }
        let registration = try await Registration.query(on: db).filter(\.$organisation.$id == (try organisation.requireID()))
            .first()
        if let registration, host ? !registration.asHost : !registration.asVisitor {
            throw AppError.conflict(
                "organisation", host ? "not-a-host" : "not-a-visitor",
                "\(organisation.name) is registered as \(host ? "a visitor only: register it as a host" : "a host only: register it as a visitor") first"
            )
        }
        let rules = context.matching.rules
        let violations = host ? rules.hostViolations(organisation.participant) : rules.visitorViolations(organisation.participant)
        if let violation = violations.first { throw AppError.broken(violation, field: "organisation") }
    }
}

extension ServiceContext {
    var listings: Listings { Listings(context: self) }
}
