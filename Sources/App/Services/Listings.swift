import Fluent
import ProgrammeRules
import Vapor

/// Publishing, changing and withdrawing hosting offers and visiting requests. Members of a
/// validated organisation publish them; its registration decides which (a host offers, a visitor
/// requests), and the rules library decides who may visit at all. The checks are the import's too
/// (`ListingChecks`).
struct Listings {
    let context: ServiceContext

    private var db: any Database { context.db }

    // MARK: Offers

    func createOffer(for organisationKey: String, _ input: OfferInput) async throws -> OfferDTO {
        let organisation = try await context.organisations.own(organisationKey)
        try await requireRole(organisation, host: true)
        let offer = Offer()
        offer.apply(try ListingChecks.offer(input, virtualAllowed: context.matching.rules.virtualExchangesAllowed))
        offer.$host.id = try organisation.requireID()
        try await insert(offer, prefix: "offer")
        return OfferDTO(offer, host: organisation)
    }

    func updateOffer(_ key: String, _ input: OfferInput) async throws -> OfferDTO {
        let offer = try await own(Offer.self, key)
        offer.apply(try ListingChecks.offer(input, virtualAllowed: context.matching.rules.virtualExchangesAllowed))
        try await offer.save(on: db)
        return OfferDTO(offer, host: offer.host)
    }

    // MARK: Requests

    func createRequest(for organisationKey: String, _ input: RequestInput) async throws -> RequestDTO {
        let organisation = try await context.organisations.own(organisationKey)
        try await requireRole(organisation, host: false)
        let request = VisitRequest()
        request.apply(try ListingChecks.request(input, visitorCountry: organisation.country))
        request.$visitor.id = try organisation.requireID()
        try await insert(request, prefix: "request")
        return RequestDTO(request, visitor: organisation)
    }

    func updateRequest(_ key: String, _ input: RequestInput) async throws -> RequestDTO {
        let request = try await own(VisitRequest.self, key)
        request.apply(try ListingChecks.request(input, visitorCountry: request.visitor.country))
        try await request.save(on: db)
        return RequestDTO(request, visitor: request.visitor)
    }

    // MARK: Both

    /// Withdraws an offer or a request.
    func delete<L: CatalogueListing>(_ type: L.Type, _ key: String) async throws {
        try await own(type, key).delete(on: db)
    }

    /// The offer or request, if the caller may change it (its organisation's members, the support
    /// office); 404 otherwise.
    func own<L: CatalogueListing>(_ type: L.Type, _ key: String) async throws -> L {
        guard let listing = try await L.query(on: db).filter(L.keyField == key).with(L.owner).first() else {
            throw AppError.noSuch(L.noun, key: key)
        }
        _ = try await context.organisations.own(listing[keyPath: L.owner].wrappedValue.key)
        return listing
    }

    /// Saves a new listing under a key made from its title.
    private func insert<L: CatalogueListing & ListingTextColumns>(_ listing: L, prefix: String) async throws {
        let base = UniqueKeys.slug(listing.title, prefix: prefix, words: 5, fallback: "untitled")
        try await UniqueKeys.insert(base: base, L.keyField, on: db) { key, tx in
            listing.id = nil
            listing[keyPath: L.keyField].wrappedValue = key
            try await listing.create(on: tx)
        }
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
                "\(organisation.name) is registered as "
                    + (host ? "a visitor only: register it as a host first" : "a host only: register it as a visitor first")
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
