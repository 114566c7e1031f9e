import Fluent
import Foundation
import Matching
import ProgrammeRules
import SQLKit
import Vapor

/// Matching rounds: every open request of a partnership's visitors (or of all, for the support
/// office) against its best suggestions, costed by the lump sums, within what each partnership's
/// budget allows; the optimiser picks the pairs with the highest total score and proves a bound.
/// A round and its proposals are seen by its partnership's coordinators and the support office;
/// to anyone else it does not exist.
struct MatchingRounds {
    let context: ServiceContext

    private var db: any Database { context.db }

    /// How many suggestions of each request enter the round as candidates.
    static let candidatesPerRequest = 10
    /// The optimiser starts no new step after this long and answers with the best pairs so far.
    static let timeLimit = Duration.seconds(10)

    /// A candidate pair with its lump sum.
    private struct Candidate: Sendable {
        let suggestion: Suggestion
        let costCents: Int
    }

    func run(_ input: RoundInput) async throws -> RoundDTO {
        let caller = try context.signedIn()
        let partnerships = try await Partnership.query(on: db).sort(\.$key).all()
        let named = input.partnership?.trimmingCharacters(in: .whitespaces).nonEmpty
        let scope: [Partnership]
        if let key = named {
            guard let partnership = partnerships.first(where: { $0.key == key }) else {
                throw AppError.invalid("partnership", "unknown-key", "no partnership has the key \"\(key)\"")
            }
            guard try await context.permissions.coordinates(partnership.id) else {
                throw AppError.forbidden("Only the coordinators of \(partnership.name) and the support office run its rounds.")
            }
            scope = [partnership]
        } else {
            guard caller.isAdmin else {
                throw AppError.invalid(
                    "partnership", "required",
                    "choose the partnership whose round to run; a round over every partnership is for the support office")
            }
            scope = partnerships
        }
        let partnershipKeys = Dictionary(uniqueKeysWithValues: scope.compactMap { p in p.id.map { ($0, p.key) } })
        let members = try await Organisation.query(on: db).filter(\.$validationStatus == .validated).filter(
            \.$partnership.$id != nil
        ).all()
        // Visitors without a partnership have no budget to draw on, so they are left out.
        let partnershipOf: [String: String] = Dictionary(
            uniqueKeysWithValues: members.compactMap { organisation in
                organisation.$partnership.id.flatMap { partnershipKeys[$0] }.map { (organisation.key, $0) }
            })

        // Rounds propose stays as suggestions do: none sooner than the programme's notice from today.
        let matcher = Suggestions.noticed(try await context.matching.matcher(on: db), try await context.stayNotice())
        // The money a round may spend is what the ledger leaves, not the whole budget.
        let available = try await Ledger.available(on: db)
        let (chosen, instance) = try await context.offload { () -> ([Candidate], RoundInstance) in
            // Per visitor organisation and offer, the request that suits it best (a visitor is funded once).
            var best: [String: Candidate] = [:]
            for request in matcher.requests.values.sorted(by: { $0.key < $1.key }) where partnershipOf[request.visitorKey] != nil
            {
                for suggestion in matcher.hosts(forRequest: request.key, limit: Self.candidatesPerRequest) ?? [] {
                    guard let cost = LumpSums.quote(suggestion, matcher)?.amountCents else { continue }
                    let pair = "\(suggestion.visitor)\u{1F}\(suggestion.offer)"
                    if best[pair].map({ suggestion.score > $0.suggestion.score }) ?? true {
                        best[pair] = Candidate(suggestion: suggestion, costCents: cost)
                    }
                }
            }
            let chosen = best.values.sorted {
                ($0.suggestion.visitor, $0.suggestion.offer) < ($1.suggestion.visitor, $1.suggestion.offer)
            }
            let instance = RoundInstance(
                partnerships: scope.map { .init(id: $0.key, budgetCents: Int64(max(0, $0.id.flatMap { available[$0] } ?? 0))) },
                hosts: Set(chosen.map(\.suggestion.offer)).sorted().map {
                    .init(id: $0, capacity: matcher.offers[$0]?.capacityLeft ?? 0)
                },
                visitors: Set(chosen.map(\.suggestion.visitor)).sorted().map { .init(id: $0, partnership: partnershipOf[$0]) },
                candidates: chosen.map {
                    .init(
                        visitor: $0.suggestion.visitor, host: $0.suggestion.offer, score: $0.suggestion.score,
                        costCents: Int64($0.costCents))
                })
            return (chosen, instance)
        }
        let result = try await context.offload {
            try RoundOptimiser(options: .init(timeLimit: Self.timeLimit)).solve(instance)
        }
        let round = try await store(
            result, scope: named == nil ? nil : scope.first, candidates: chosen, instance: instance, by: caller)
        return try await dto(round)
    }

    private func store(
        _ result: RoundResult, scope partnership: Partnership?, candidates: [Candidate], instance: RoundInstance,
        by caller: Caller
    ) async throws -> MatchingRound {
        let picked = Set(result.assignments.map { "\($0.visitor)\u{1F}\($0.host)" })
        let proposals = candidates.filter { picked.contains("\($0.suggestion.visitor)\u{1F}\($0.suggestion.offer)") }
        let requestIDs = try await ids(VisitRequest.self, \.$key, proposals.map(\.suggestion.request))
        let offerIDs = try await ids(Offer.self, \.$key, proposals.map(\.suggestion.offer))
        let round = MatchingRound()
        round.$partnership.id = partnership?.id
        round.$partnership.value = partnership
        round.$runBy.id = caller.id
        round.objective = result.objective
        round.bound = result.bound
        round.gap = result.gap
        round.method = result.method.rawValue
        round.visitorCount = instance.visitors.count
        round.candidateCount = instance.candidates.count
        try await db.transaction { tx in
            try await round.save(on: tx)
            for candidate in proposals {
                let suggestion = candidate.suggestion
                guard let requestID = requestIDs[suggestion.request], let offerID = offerIDs[suggestion.offer] else { continue }
                let proposal = RoundProposal()
                proposal.$round.id = try round.requireID()
                proposal.$request.id = requestID
                proposal.$offer.id = offerID
                proposal.score = suggestion.score
                proposal.costCents = candidate.costCents
                proposal.reasonText = suggestion.reasons.joined(separator: "\n")
                proposal.stayStart = suggestion.stay.start
                proposal.stayEnd = suggestion.stay.end
                try await proposal.save(on: tx)
            }
        }
        return round
    }

    private func ids<M: Model>(_ type: M.Type, _ key: KeyPath<M, FieldProperty<M, String>>, _ keys: [String]) async throws
        -> [String: UUID]
    where M.IDValue == UUID {
        guard !keys.isEmpty else { return [:] }
        var found: [String: UUID] = [:]
        for model in try await M.query(on: db).filter(key ~~ keys).all() {
            if let id = model.id { found[model[keyPath: key].value ?? ""] = id }
        }
        return found
    }

    // MARK: Reading and sending

    /// The partnerships whose rounds the caller may run, by name.
    func runnablePartnerships() async throws -> [PartnershipDTO] {
        let coordinated = try await context.permissions.coordinatedPartnerships()
        return try await Partnership.query(on: db).sort(\.$name).all()
            .filter { partnership in coordinated.map { ids in partnership.id.map(ids.contains) ?? false } ?? true }
            .map { PartnershipDTO($0, memberCount: 0) }
    }

    /// The rounds the caller may see, newest first.
    func rounds() async throws -> [RoundSummaryDTO] {
        let coordinated = try await context.permissions.coordinatedPartnerships()
        let query = MatchingRound.query(on: db).with(\.$partnership).sort(\.$createdAt, .descending)
        if let coordinated { query.filter(\.$partnership.$id ~~ Array(coordinated)) }
        return try await query.all().compactMap { round in
            round.id.map {
                RoundSummaryDTO(
                    id: $0, partnership: round.partnership?.key, partnershipName: round.partnership?.name,
                    createdAt: round.createdAt,
                    sentAt: round.sentAt, objective: round.objective, gap: round.gap)
            }
        }
    }

    func round(_ id: UUID) async throws -> RoundDTO {
        try await dto(try await visible(id))
    }

    /// Makes each proposal a real exchange proposal, once: a second send, even at the same moment,
    /// finds the round already sent (409). The visitor's partnership proposes on its visitor's
    /// behalf; the host accepts or declines, and either side is told. A pair the rules no longer
    /// allow (a place taken, a visitor funded since) is left out and said so.
    func send(_ id: UUID) async throws -> RoundDTO {
        let caller = try context.signedIn()
        let round = try await visible(id)
        let roundID = try round.requireID()
        let claimed = try await db.sql().update(MatchingRound.schema).set("sent_at", to: Date())
            .where("id", .equal, roundID).where("sent_at", .is, SQLLiteral.null).returning("id").all()
        guard !claimed.isEmpty else {
            throw AppError.conflict("round", "already-sent", "this round's proposals were already sent")
        }
        let proposals = try await RoundProposal.query(on: db).filter(\.$round.$id == roundID)
            .with(\.$request) { $0.with(\.$visitor) }.with(\.$offer) { $0.with(\.$host) }.all()
        let alreadyProposed = try await openExchanges(forRequests: proposals.map(\.$request.id))
        for proposal in proposals {
            // A request proposed since the round ran (by hand, or by another round) is not proposed twice.
            if alreadyProposed[proposal.request.key] != nil {
                context.logger.info("round \(roundID): \(proposal.request.key) left out: already proposed")
                continue
            }
            let goals =
                "Proposed by the matching round of the visitor's partnership. Why: " + proposal.reasons.joined(separator: "; ")
                + "."
            do {
                _ = try await context.exchanges.create(
                    request: proposal.request, offer: proposal.offer,
                    stay: Stay(start: proposal.stayStart, end: proposal.stayEnd),
                    goals: goals, isVirtual: false, origin: .round, by: caller)
            } catch let error as AppError {
                context.logger.info(
                    "round \(roundID): \(proposal.request.key) with \(proposal.offer.key) left out: \(error.detail)")
            }
        }
        return try await dto(try await visible(id))
    }

    /// Drops a pair from a round not yet sent: it will not be proposed.
    func drop(_ id: UUID, request requestKey: String, offer offerKey: String) async throws -> String {
        let round = try await visible(id)
        guard round.sentAt == nil else {
            throw AppError.conflict("round", "already-sent", "this round's proposals were already sent")
        }
        let roundID = try round.requireID()
        guard
            let proposal = try await RoundProposal.query(on: db).filter(\.$round.$id == roundID)
                .join(VisitRequest.self, on: \RoundProposal.$request.$id == \VisitRequest.$id)
                .join(Offer.self, on: \RoundProposal.$offer.$id == \Offer.$id)
                .filter(VisitRequest.self, \.$key == requestKey).filter(Offer.self, \.$key == offerKey).first()
        else { throw AppError.notFound("This round has no such pair.") }
        let title = try proposal.joined(VisitRequest.self).title
        try await RoundProposal.query(on: db).filter(\.$id == (try proposal.requireID())).delete()
        return title
    }

    /// The same, for requests named by their keys.
    func openExchanges(forRequestKeys keys: [String]) async throws -> [String: UUID] {
        try await openExchanges(forRequests: try await VisitRequest.query(on: db).filter(\.$key ~~ keys).all().compactMap(\.id))
    }

    /// For each request, an exchange already proposed for it and still open (by request key).
    func openExchanges(forRequests ids: [UUID]) async throws -> [String: UUID] {
        guard !ids.isEmpty else { return [:] }
        var open: [String: UUID] = [:]
        for exchange in try await Exchange.query(on: db).filter(\.$request.$id ~~ ids)
            .filter(\.$phase !~ [.declined, .withdrawn, .cancelled]).all()
        {
            if let id = exchange.id { open[exchange.requestKey] = id }
        }
        return open
    }

    /// The round, for its partnership's coordinators and the support office; 404 for anyone else.
    private func visible(_ id: UUID) async throws -> MatchingRound {
        guard let round = try await MatchingRound.query(on: db).filter(\.$id == id).with(\.$partnership).first(),
            try await context.permissions.coordinates(round.$partnership.id) || context.caller?.isAdmin == true
        else { throw AppError.notFound("There is no matching round \(id).") }
        return round
    }

    private func dto(_ round: MatchingRound) async throws -> RoundDTO {
        let proposals = try await RoundProposal.query(on: db).filter(\.$round.$id == (try round.requireID()))
            .with(\.$request) { $0.with(\.$visitor) { $0.with(\.$partnership) } }.with(\.$offer) { $0.with(\.$host) }
            .sort(\.$score, .descending).all()
        var used: [UUID: Int] = [:]
        for proposal in proposals {
            if let partnershipID = proposal.request.visitor.$partnership.id {
                used[partnershipID, default: 0] += proposal.costCents
            }
        }
        let available = try await Ledger.available(on: db)
        let requestIDs = proposals.map(\.$request.id)
        var exchanges: [String: UUID] = [:]
        for exchange in try await Exchange.query(on: db).filter(\.$request.$id ~~ requestIDs).filter(\.$origin == .round).all() {
            if let id = exchange.id { exchanges["\(exchange.requestKey) \(exchange.offerKey)"] = id }
        }
        let partnership = round.$partnership.value ?? nil
        let scope: [Partnership]
        if let partnership { scope = [partnership] } else { scope = try await Partnership.query(on: db).sort(\.$key).all() }
        return RoundDTO(
            id: try round.requireID(), partnership: partnership?.key, partnershipName: partnership?.name,
            createdAt: round.createdAt,
            sentAt: round.sentAt, objective: round.objective, bound: round.bound, gap: round.gap, method: round.method,
            visitors: round.visitorCount, candidates: round.candidateCount,
            proposals: proposals.map { proposal in
                RoundProposalDTO(
                    request: proposal.request.key, requestTitle: proposal.request.title, visitor: proposal.request.visitor.key,
                    visitorName: proposal.request.visitor.name, offer: proposal.offer.key, offerTitle: proposal.offer.title,
                    host: proposal.offer.host.key, hostName: proposal.offer.host.name, score: Suggestions.rounded(proposal.score),
                    costCents: proposal.costCents, reasons: proposal.reasons,
                    stay: StayDTO(start: proposal.stayStart, end: proposal.stayEnd),
                    exchange: exchanges["\(proposal.request.key) \(proposal.offer.key)"])
            },
            budgets: scope.map { partnership in
                RoundBudgetDTO(
                    partnership: partnership.key, name: partnership.name, budgetCents: partnership.budgetCents,
                    availableCents: partnership.id.flatMap { available[$0] } ?? partnership.budgetCents,
                    usedCents: partnership.id.flatMap { used[$0] } ?? 0)
            })
    }

}

extension ServiceContext {
    var rounds: MatchingRounds { MatchingRounds(context: self) }
}
