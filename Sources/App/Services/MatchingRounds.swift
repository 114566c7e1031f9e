import Fluent
import Foundation
import Matching
import ProgrammeRules
import Vapor

/// Matching rounds: every open request of a partnership's visitors (or of all, for the support
/// office) against its best suggestions, costed by the lump sums, within what each partnership's
/// budget allows; the optimiser picks the pairs with the highest total score and proves a bound.
enum MatchingRounds {
    /// How many suggestions of each request enter the round as candidates.
    static let candidatesPerRequest = 10

    static func run(_ input: RoundInput, by user: User, on db: any Database, index: MatchingIndex) async throws -> MatchingRound {
        let partnerships = try await Partnership.query(on: db).sort(\.$key).all()
        let scope: [Partnership]
        let named = input.partnership?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        if let key = named {
            guard let partnership = partnerships.first(where: { $0.key == key }) else {
                throw InputProblem(field: "partnership", rule: "unknown-key", "No partnership has the key \"\(key)\".")
            }
            guard try await Permissions.coordinates(partnership.id, user, on: db) else {
                throw Abort(.forbidden, reason: "Only the partnership's coordinators and the support office run its rounds.", identifier: "forbidden")
            }
            scope = [partnership]
        } else {
            guard user.role == .admin else {
                throw InputProblem(field: "partnership", rule: "required", "Name the partnership whose round to run; a round over every partnership is for the support office.")
            }
            scope = partnerships
        }
        let partnershipKeys = Dictionary(uniqueKeysWithValues: scope.compactMap { p in p.id.map { ($0, p.key) } })
        let members = try await Organisation.query(on: db).filter(\.$validationStatus == .validated).filter(\.$partnership.$id != nil).all()
        // Visitors without a partnership have no budget to draw on, so they are left out.
        let partnershipOf: [String: String] = Dictionary(uniqueKeysWithValues: members.compactMap { organisation in
            organisation.$partnership.id.flatMap { partnershipKeys[$0] }.map { (organisation.key, $0) }
        })

        let matcher = try await index.matcher(on: db)
        // Per visitor organisation and offer, the request that suits it best (a visitor is funded once).
        var best: [String: (suggestion: Suggestion, costCents: Int)] = [:]
        for request in matcher.requests.values.sorted(by: { $0.key < $1.key }) where partnershipOf[request.visitorKey] != nil {
            for suggestion in matcher.hosts(forRequest: request.key, limit: candidatesPerRequest) ?? [] {
                guard let cost = Suggestions.lumpSum(suggestion, matcher) else { continue }
                let pair = "\(suggestion.visitor)\u{1F}\(suggestion.offer)"
                if best[pair].map({ suggestion.score > $0.suggestion.score }) ?? true { best[pair] = (suggestion, cost) }
            }
        }
        let chosen = best.values.sorted { ($0.suggestion.visitor, $0.suggestion.offer) < ($1.suggestion.visitor, $1.suggestion.offer) }
        let instance = RoundInstance(
            partnerships: scope.map { .init(id: $0.key, budget: Double($0.budgetCents) / 100) },
            hosts: Set(chosen.map(\.suggestion.offer)).sorted().map { .init(id: $0, capacity: matcher.offers[$0]?.capacityLeft ?? 0) },
            visitors: Set(chosen.map(\.suggestion.visitor)).sorted().map { .init(id: $0, partnership: partnershipOf[$0]) },
            candidates: chosen.map { .init(visitor: $0.suggestion.visitor, host: $0.suggestion.offer, score: $0.suggestion.score, cost: Double($0.costCents) / 100) })
        let result: RoundResult
        do {
            result = try RoundOptimiser().solve(instance)
        } catch {
            throw Abort(.internalServerError, reason: "The round's instance was refused: \(error)")
        }
        return try await store(result, scope: named == nil ? nil : scope.first,
            candidates: chosen, instance: instance, by: user, on: db)
    }

    private static func store(
        _ result: RoundResult, scope partnership: Partnership?, candidates: [(suggestion: Suggestion, costCents: Int)],
        instance: RoundInstance, by user: User, on db: any Database
    ) async throws -> MatchingRound {
        let picked = Set(result.assignments.map { "\($0.visitor)\u{1F}\($0.host)" })
        let proposals = candidates.filter { picked.contains("\($0.suggestion.visitor)\u{1F}\($0.suggestion.offer)") }
        let requestIDs = try await ids(VisitRequest.self, \.$key, proposals.map(\.suggestion.request), on: db)
        let offerIDs = try await ids(Offer.self, \.$key, proposals.map(\.suggestion.offer), on: db)
        let round = MatchingRound()
        round.$partnership.id = partnership?.id
        round.$runBy.id = try user.requireID()
        round.objective = result.objective
        round.bound = result.bound
        round.gap = result.gap
        round.method = result.method.rawValue
        round.visitorCount = instance.visitors.count
        round.candidateCount = instance.candidates.count
        try await db.transaction { tx in
            try await round.save(on: tx)
            for (suggestion, cost) in proposals {
                guard let requestID = requestIDs[suggestion.request], let offerID = offerIDs[suggestion.offer] else { continue }
                let proposal = RoundProposal()
                proposal.$round.id = try round.requireID()
                proposal.$request.id = requestID
                proposal.$offer.id = offerID
                proposal.score = suggestion.score
                proposal.costCents = cost
                proposal.reasonText = suggestion.reasons.joined(separator: "\n")
                proposal.stayStart = suggestion.stay.start.description
                proposal.stayEnd = suggestion.stay.end.description
                try await proposal.save(on: tx)
            }
        }
        return round
    }

    private static func ids<M: Model>(_ type: M.Type, _ key: KeyPath<M, FieldProperty<M, String>>, _ keys: [String], on db: any Database) async throws -> [String: UUID] where M.IDValue == UUID {
        guard !keys.isEmpty else { return [:] }
        var found: [String: UUID] = [:]
        for model in try await M.query(on: db).filter(key ~~ keys).all() {
            if let id = model.id { found[model[keyPath: key].value ?? ""] = id }
        }
        return found
    }

    // MARK: Reading and sending

    /// A round, for its partnership's coordinators and the support office.
    static func round(_ id: UUID, viewer: User, on db: any Database) async throws -> MatchingRound {
        guard let round = try await MatchingRound.query(on: db).filter(\.$id == id).with(\.$partnership).first() else {
            throw Abort(.notFound, reason: "There is no matching round \(id).", identifier: "not-found")
        }
        let coordinates = try await Permissions.coordinates(round.$partnership.id, viewer, on: db)
        guard viewer.role == .admin || coordinates else {
            throw Abort(.forbidden, reason: "Only the partnership's coordinators and the support office see its rounds.", identifier: "forbidden")
        }
        return round
    }

    /// The rounds the viewer may see, newest first.
    static func rounds(viewer: User, on db: any Database) async throws -> [RoundSummaryDTO] {
        let coordinated = try await Permissions.coordinatedPartnerships(viewer, on: db)
        let visible = try await MatchingRound.query(on: db).with(\.$partnership).sort(\.$createdAt, .descending).all().filter { round in
            coordinated.map { ids in round.$partnership.id.map(ids.contains) ?? false } ?? true
        }
        return visible.compactMap { round in
            round.id.map { RoundSummaryDTO(id: $0, partnership: round.partnership?.key, createdAt: round.createdAt, sentAt: round.sentAt,
                objective: round.objective, gap: round.gap) }
        }
    }

    static func dto(_ round: MatchingRound, on db: any Database) async throws -> RoundDTO {
        let proposals = try await RoundProposal.query(on: db).filter(\.$round.$id == (try round.requireID()))
            .with(\.$request) { $0.with(\.$visitor) { $0.with(\.$partnership) } }.with(\.$offer) { $0.with(\.$host) }
            .sort(\.$score, .descending).all()
        var used: [UUID: Int] = [:]
        for proposal in proposals {
            if let partnershipID = proposal.request.visitor.$partnership.id { used[partnershipID, default: 0] += proposal.costCents }
        }
        // The partnership is loaded here when the caller did not (a round just run).
        let partnership = try await round.$partnership.get(on: db)
        let scope: [Partnership]
        if let partnership { scope = [partnership] } else { scope = try await Partnership.query(on: db).sort(\.$key).all() }
        return RoundDTO(
            id: try round.requireID(), partnership: partnership?.key, createdAt: round.createdAt, sentAt: round.sentAt,
            objective: round.objective, bound: round.bound, gap: round.gap, method: round.method, visitors: round.visitorCount,
            candidates: round.candidateCount,
            proposals: proposals.map { proposal in
                RoundProposalDTO(request: proposal.request.key, requestTitle: proposal.request.title, visitor: proposal.request.visitor.key,
                    visitorName: proposal.request.visitor.name, offer: proposal.offer.key, offerTitle: proposal.offer.title,
                    host: proposal.offer.host.key, hostName: proposal.offer.host.name, score: Suggestions.rounded(proposal.score),
                    costCents: proposal.costCents, reasons: proposal.reasons, stay: .init(start: proposal.stayStart, end: proposal.stayEnd))
            },
            budgets: scope.map { partnership in
                RoundBudgetDTO(partnership: partnership.key, name: partnership.name, budgetCents: partnership.budgetCents,
                    usedCents: partnership.id.flatMap { used[$0] } ?? 0)
            })
    }

    /// Sends each proposal to the members of both organisations as a suggestion; nothing is
    /// booked. A round is sent once.
    static func send(_ round: MatchingRound, on db: any Database, linkBase: String) async throws {
        guard round.sentAt == nil else {
            throw Abort(.conflict, reason: "This round's proposals were already sent.", identifier: "already-sent")
        }
        let proposals = try await RoundProposal.query(on: db).filter(\.$round.$id == (try round.requireID()))
            .with(\.$request) { $0.with(\.$visitor) }.with(\.$offer) { $0.with(\.$host) }.all()
        try await db.transaction { tx in
            for proposal in proposals {
                let visitor = proposal.request.visitor
                let host = proposal.offer.host
                let body = """
                    Your partnership's matching round suggests an exchange:
                    \(visitor.name) visits \(host.name) for "\(proposal.request.title)" and "\(proposal.offer.title)", \
                    for example from \(proposal.stayStart) to \(proposal.stayEnd).

                    Why: \(proposal.reasons.joined(separator: "; ")).

                    Nothing is booked: get in touch with each other to agree. The request: \(linkBase)/requests/\(proposal.request.key)
                    The offer: \(linkBase)/offers/\(proposal.offer.key)
                    """
                for organisation in [visitor, host] {
                    for email in try await memberEmails(organisation, on: tx) {
                        try await Mailer.enqueue(to: email, subject: "Suggested exchange: \(visitor.name) with \(host.name)", body: body, on: tx)
                    }
                }
            }
            round.sentAt = Date()
            try await round.save(on: tx)
        }
    }

    private static func memberEmails(_ organisation: Organisation, on db: any Database) async throws -> [String] {
        try await Membership.query(on: db).filter(\.$organisation.$id == (try organisation.requireID())).filter(\.$status == .active)
            .with(\.$user).all().map(\.user.email)
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
