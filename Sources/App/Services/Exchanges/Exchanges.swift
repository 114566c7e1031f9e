import Fluent
import Matching
import ProgrammeRules
import SQLKit
import Vapor

/// Exchanges from the proposal to the paid lump sum (`docs/interfaces.md`, "Exchanges: HTTP").
/// Every change goes through the rules library's `ExchangeLifecycle` and is written with its
/// history line in one transaction; money moves through the `Ledger` under the partnership's
/// lock. An exchange exists only for its parties: the members of the visitor and the host, the
/// coordinators of their partnerships, and the support office.
struct Exchanges {
    let context: ServiceContext

    var db: any Database { context.db }

    static let maximumTextBytes = 10_000
    /// The days the other side has to answer a proposal.
    static let answerDays = 7
    /// The working days a host has to dispute a match entered for it as agreed offline.
    static let disputeWorkingDays = 5

    // MARK: Proposals

    /// Proposes an exchange, by a member of the visitor (the visitor proposes) or of the host (the
    /// host proposes); or enters a match agreed offline, by a coordinator of either partnership
    /// on behalf of both (it starts accepted).
    func propose(_ input: ExchangeInput) async throws -> ExchangeDTO {
        let caller = try context.signedIn()
        var c = InputChecker()
        let requestKey = c.text(input.request, "request", required: true, max: 100)
        let offerKey = c.text(input.offer, "offer", required: true, max: 100)
        let start = c.date(input.start, "start")
        let end = c.date(input.end, "end")
        let goals = c.text(input.goals, "goals", required: !(input.agreedOffline ?? false), max: Self.maximumTextBytes)
        if !c.problems.isEmpty { throw AppError.invalid(c.problems) }
        guard let start, let end else { throw AppError.invalid(c.problems) }
        guard let request = try await VisitRequest.query(on: db).filter(\.$key == requestKey).with(\.$visitor).first(),
            request.visitor.validationStatus == .validated
        else { throw AppError.invalid("request", "unknown-key", "no open request has the key \"\(requestKey)\"") }
        guard let offer = try await Offer.query(on: db).filter(\.$key == offerKey).with(\.$host).first(),
            offer.host.validationStatus == .validated
        else { throw AppError.invalid("offer", "unknown-key", "no open offer has the key \"\(offerKey)\"") }
        let visitor = request.visitor
        let host = offer.host
        let scope = try await context.exchangeScope()
        let origin: Exchange.Origin
        if input.agreedOffline == true {
            let coordinates = [visitor.$partnership.id, host.$partnership.id].compactMap { $0 }.contains(
                where: scope.partnerships.contains)
            guard coordinates || caller.isAdmin else {
                throw AppError.forbidden(
                    "A match agreed offline is entered by a coordinator of the visitor's or the host's partnership.")
            }
            origin = .offline
        } else if scope.organisations.contains(try visitor.requireID()) {
            origin = .visitor
        } else if scope.organisations.contains(try host.requireID()) {
            origin = .host
        } else {
            throw AppError.forbidden("Only members of \(visitor.name) or of \(host.name) propose this exchange.")
        }
        // Each proposal is mailed to the other side: so many a day, per person and per proposing organisation.
        try await context.rateLimiter.spend(.proposalPerPerson, for: caller.id.uuidString)
        if origin != .offline {
            let proposer = origin == .visitor ? visitor : host
            try await context.rateLimiter.spend(.proposalPerOrganisation, for: try proposer.requireID().uuidString)
        }
        return try await create(
            request: request, offer: offer, stay: Stay(start: start, end: end), goals: goals, isVirtual: input.virtual ?? false,
            origin: origin, by: caller)
    }

    /// Writes a new exchange after checking the programme's rules, the visitor's limit of open
    /// proposals of its own and that the pair is not already open; shared by proposals, offline
    /// matches and matching rounds.
    func create(
        request: VisitRequest, offer: Offer, stay: Stay, goals: String, isVirtual: Bool, origin: Exchange.Origin,
        by caller: Caller
    ) async throws -> ExchangeDTO {
        let visitor = request.visitor
        let host = offer.host
        let settings = try await context.settings.current()
        let problems = try await ExchangeChecks(db: db, rules: context.matching.rules).violations(
            visitor: visitor, host: host, request: request, offer: offer, stay: stay, isVirtual: isVirtual,
            virtualAllowed: settings.virtualExchanges, today: context.clock.today,
            notice: StayNotice(today: context.clock.today, workingDays: settings.noticeWorkingDays))
        if let first = problems.first {
            throw AppError.ruleBroken(
                rule: first.rule, field: first.field, message: problems.map(\.message).joined(separator: " "))
        }
        guard let visitorPartnershipID = visitor.$partnership.id, let hostPartnershipID = host.$partnership.id else {
            throw AppError.invalid("request", "no-partnership", "both organisations need a partnership")
        }
        let visitorID = try visitor.requireID()
        let requestID = try request.requireID()
        let offerID = try offer.requireID()
        let quote = try ExchangeQuote.quote(
            visitor: visitor, host: host, stay: stay, isVirtual: isVirtual, settings: settings, rules: context.matching.rules)
        let exchange = Exchange()
        exchange.$request.id = requestID
        exchange.$offer.id = offerID
        exchange.$visitor.id = visitorID
        exchange.$host.id = try host.requireID()
        exchange.$visitorPartnership.id = visitorPartnershipID
        exchange.$hostPartnership.id = hostPartnershipID
        exchange.requestKey = request.key
        exchange.requestTitle = request.title
        exchange.offerKey = offer.key
        exchange.offerTitle = offer.title
        exchange.phase = origin == .offline ? .accepted : .proposed
        exchange.proposedBy = origin == .host ? .host : .visitor
        exchange.origin = origin
        exchange.proposedOn = context.clock.today
        exchange.start = stay.start
        exchange.end = stay.end
        exchange.isVirtual = isVirtual
        exchange.goals = goals
        exchange.objectives = ""
        exchange.agenda = ""
        exchange.commitmentVersion = 1
        quote.write(to: exchange)
        if origin == .offline, let hostPartnership = host.$partnership.id,
            !(try await context.exchangeScope().partnerships.contains(hostPartnership))
        {
            // Entered without the host's side: its members may say they never agreed.
            exchange.disputeUntil = context.matching.rules.calendar.adding(
                workingDays: Self.disputeWorkingDays, to: context.clock.today, in: host.country)
        }
        exchange.reportOutcomes = ""
        exchange.reportFollowUp = ""
        exchange.reportLearned = ""
        let now = context.clock.now
        let linkBase = context.linkBase
        let action = origin == .offline ? "enter-agreed-match" : "propose"
        let role = origin == .offline ? "coordinator" : origin.rawValue
        // Under the visitor's lock: two proposals at once cannot both pass the limit or the pair's check.
        try await WriteLock.run(row: Organisation.schema, visitorID, on: db) { tx in
            if origin == .visitor {
                // The visitor's own open proposals: those made for it by a host or a round do not use its quota.
                let open = try await Exchange.query(on: tx).filter(\.$visitor.$id == visitorID).filter(\.$phase == .proposed)
                    .filter(\.$origin == .visitor).count()
                if open >= settings.maximumOpenProposals {
                    throw AppError.conflict(
                        "request", "too-many-proposals",
                        "\(visitor.name) has \(open) proposals waiting for an answer, the most the programme allows: "
                            + "withdraw one first")
                }
            }
            let live = ExchangePhase.allCases.filter { !$0.isTerminal }
            if try await Exchange.query(on: tx).filter(\.$request.$id == requestID).filter(\.$offer.$id == offerID)
                .filter(\.$phase ~~ live).first() != nil
            {
                throw AppError.conflict(
                    "offer", "already-proposed", "this request and this offer already have an exchange under way")
            }
            try await exchange.create(on: tx)
            let id = try exchange.requireID()
            try await ExchangeEvent(
                exchangeID: id, action: action, from: .proposed, to: exchange.phase, userID: caller.id, by: caller.email,
                role: role, detail: origin == .round ? "proposed by the visitor's partnership's matching round" : "", at: now
            ).create(on: tx)
            let notifier = Notifier(db: tx, linkBase: linkBase)
            let answering = exchange.proposedBy == .visitor ? host : visitor
            var told: Set<UUID>
            let text: String
            if origin == .offline {
                told = try await notifier.members(of: [visitorID, try host.requireID()])
                text =
                    "\(caller.name) entered the exchange \(visitor.name) at \(host.name), agreed offline: write and sign the "
                    + "Commitment to Quality."
                if let until = exchange.disputeUntil {
                    let hostMembers = try await notifier.members(of: [try host.requireID()])
                    try await notifier.tell(
                        hostMembers.subtracting([caller.id]), subject: "Match entered for your offer: \(visitor.name)",
                        text:
                            "\(caller.name) entered an exchange of \(visitor.name) at \(host.name) from \(stay.start.words) to "
                            + "\(stay.end.words), as agreed offline with you. If \(host.name) did not agree to it, dispute it by "
                            + "\(until.words): it is then withdrawn. If you did, write the Commitment to Quality together.",
                        link: "/exchanges/\(id)")
                    told.subtract(hostMembers)
                }
            } else if origin == .round {
                told = try await notifier.members(of: [visitorID, try host.requireID()])
                text =
                    "The matching round of \(visitor.name)'s partnership proposes an exchange at \(host.name) from "
                    + "\(stay.start.words) to \(stay.end.words). The host accepts or declines by "
                    + "\(context.clock.today.adding(days: Self.answerDays).words); the visitor may withdraw it."
            } else {
                told = try await notifier.members(of: [try answering.requireID()])
                let proposer = exchange.proposedBy == .visitor ? visitor.name : host.name
                text =
                    "\(proposer) proposes an exchange from \(stay.start.words) to \(stay.end.words): accept or decline it by "
                    + "\(context.clock.today.adding(days: Self.answerDays).words)."
            }
            try await notifier.tell(
                told.subtracting([caller.id]), subject: "Exchange proposed: \(visitor.name) at \(host.name)", text: text,
                link: "/exchanges/\(id)")
        }
        return try await view(try exchange.requireID())
    }

    /// The requests and offers of the caller's organisations, to propose with (at most 200 each).
    func ownListings() async throws -> (requests: [VisitRequest], offers: [Offer]) {
        let caller = try context.signedIn()
        let scope = try await context.exchangeScope()
        guard !scope.organisations.isEmpty else { return ([], []) }
        let ids = Array(scope.organisations)
        let requests = try await VisitRequest.query(on: db).filter(\.$visitor.$id ~~ ids).with(\.$visitor).sort(\.$title).limit(
            200
        ).all()
        let offers = try await Offer.query(on: db).filter(\.$host.$id ~~ ids).with(\.$host).sort(\.$title).limit(200).all()
        return (requests, offers)
    }

    // MARK: Reading

    /// The exchanges the caller may see, newest first, optionally in one phase.
    func list(phase: String?) async throws -> [ExchangeDTO] {
        let caller = try context.signedIn()
        let scope = try await context.exchangeScope()
        let query = Exchange.query(on: db).sort(\.$createdAt, .descending)
        if let wanted = try Self.phase(phase) { query.filter(\.$phase == wanted) }
        scope.restrict(query)
        let exchanges = try await query.limit(500).all()
        return try await ExchangeViews(context: context, scope: scope).views(exchanges)
    }

    /// The phase a list is narrowed to (`?phase=`): nil when none is given, 400 for one that is none.
    static func phase(_ text: String?) throws -> ExchangePhase? {
        guard let text, !text.isEmpty else { return nil }
        guard let phase = ExchangePhase(rawValue: text) else {
            throw AppError.badQuery(
                "phase", "phase-unknown", "must be one of " + ExchangePhase.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return phase
    }

    /// One exchange, for its parties; 404 for anyone else.
    func view(_ id: UUID) async throws -> ExchangeDTO {
        let (exchange, scope, _) = try await visible(id)
        return try await ExchangeViews(context: context, scope: scope).views([exchange])[0]
    }

    /// The exchange and the caller's roles on it; 404 when they have none.
    func visible(_ id: UUID, on db: (any Database)? = nil) async throws -> (Exchange, ExchangeScope, Set<ExchangeRole>) {
        let caller = try context.signedIn()
        guard let exchange = try await Exchange.find(id, on: db ?? self.db) else {
            throw AppError.notFound("There is no exchange \(id).")
        }
        let scope: ExchangeScope
        if let db { scope = try await ExchangeScope.of(caller, on: db) } else { scope = try await context.exchangeScope() }
        let roles = scope.roles(exchange)
        guard !roles.isEmpty else { throw AppError.forbiddenAsNotFound("There is no exchange \(id).") }
        return (exchange, scope, roles)
    }

    /// The lifecycle of the exchange as stored: phase, proposer and the current version's signatures.
    func lifecycle(_ exchange: Exchange, on db: (any Database)? = nil) async throws -> ExchangeLifecycle {
        let signatures = try await ExchangeSignature.query(on: db ?? self.db).filter(
            \.$exchange.$id == (try exchange.requireID())
        )
        .filter(\.$version == exchange.commitmentVersion).all()
        return exchange.lifecycle(signatures: signatures)
    }
}

extension ServiceContext {
    var exchanges: Exchanges { Exchanges(context: self) }
}

extension Exchanges {
    /// The great-circle distance between two organisations' cities, by their keys.
    func distanceKm(visitor: String, host: String) async throws -> Double? {
        let places = try await Organisation.query(on: db).filter(\.$key ~~ [visitor, host]).all()
        guard let from = places.first(where: { $0.key == visitor }), let to = places.first(where: { $0.key == host }) else {
            return nil
        }
        return from.coordinate.distanceKm(to: to.coordinate)
    }
}
