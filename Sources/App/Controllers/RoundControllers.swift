import Fluent
import ProgrammeRules
import Vapor

/// Matching rounds over the API: coordinators for their partnerships, the support office for all.
struct RoundAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let coordinators = routes.access(.coordinatorOrAdmin)
        coordinators.get("rounds", use: list)
        coordinators.post("rounds", use: run)
        coordinators.get("rounds", ":id", use: show)
        coordinators.post("rounds", ":id", "send", use: send)
    }

    @Sendable func list(req: Request) async throws -> [RoundSummaryDTO] {
        try await MatchingRounds.rounds(viewer: try req.auth.require(User.self), on: req.db)
    }

    @Sendable func run(req: Request) async throws -> Response {
        let input = try req.content.decode(RoundInput.self)
        let round = try await MatchingRounds.run(input, by: try req.auth.require(User.self), on: req.db, index: req.matching)
        return try await MatchingRounds.dto(round, on: req.db).encodeResponse(status: .created, for: req)
    }

    @Sendable func show(req: Request) async throws -> RoundDTO {
        try await MatchingRounds.dto(try await Self.round(req), on: req.db)
    }

    @Sendable func send(req: Request) async throws -> RoundDTO {
        let round = try await Self.round(req)
        try await MatchingRounds.send(round, on: req.db, linkBase: req.application.linkBase)
        return try await MatchingRounds.dto(round, on: req.db)
    }

    static func round(_ req: Request) async throws -> MatchingRound {
        guard let id = req.parameters.get("id", as: UUID.self) else {
            throw Abort(.notFound, reason: "There is no matching round \(req.parameters.get("id") ?? "").", identifier: "not-found")
        }
        return try await MatchingRounds.round(id, viewer: try req.auth.require(User.self), on: req.db)
    }
}

/// Matching rounds as pages: run one, look at its proposals, budgets and bound, send them.
struct RoundPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let coordinators = routes.access(.coordinatorOrAdmin)
        coordinators.get("rounds", use: list)
        coordinators.post("rounds", use: run)
        coordinators.get("rounds", ":id", use: show)
        coordinators.post("rounds", ":id", "send", use: send)
    }

    struct Choice: Encodable {
        let key: String
        let name: String
    }

    struct RoundsPage: Encodable {
        let layout: Layout
        let rounds: [RoundSummaryDTO]
        let partnerships: [Choice]
        let mayRunAll: Bool
        let error: String?
    }

    struct Bar: Encodable {
        let label: String
        let used: String
        let budget: String
        let percent: Int
    }

    struct RoundPage: Encodable {
        let layout: Layout
        let round: RoundDTO
        let objective: String
        let bound: String
        let gapPercent: String
        let bars: [Bar]
        let costs: [String]
    }

    @Sendable func list(req: Request) async throws -> View {
        try await render(req, error: nil)
    }

    private func render(_ req: Request, error: String?) async throws -> View {
        let user = try req.auth.require(User.self)
        let coordinated = try await Permissions.coordinatedPartnerships(user, on: req.db)
        let choices = try await Partnership.query(on: req.db).sort(\.$name).all()
            .filter { partnership in coordinated.map { ids in partnership.id.map(ids.contains) ?? false } ?? true }
            .map { Choice(key: $0.key, name: $0.name) }
        return try await req.view.render("rounds", RoundsPage(layout: req.layout("Matching rounds"),
            rounds: try await MatchingRounds.rounds(viewer: user, on: req.db), partnerships: choices,
            mayRunAll: user.role == .admin, error: error))
    }

    @Sendable func run(req: Request) async throws -> Response {
        let input = try req.content.decode(RoundInput.self)
        do {
            let round = try await MatchingRounds.run(input, by: try req.auth.require(User.self), on: req.db, index: req.matching)
            return req.redirect(to: "/rounds/\(try round.requireID())")
        } catch let problem as InputProblem {
            return try await render(req, error: problem.problems.first?.message).encodeResponse(status: problem.status, for: req)
        }
    }

    @Sendable func show(req: Request) async throws -> View {
        let round = try await MatchingRounds.dto(try await RoundAPIController.round(req), on: req.db)
        let euros = { (cents: Int) in Money.format(cents: cents, currency: "EUR") }
        return try await req.view.render("round", RoundPage(
            layout: req.layout("Matching round"), round: round,
            objective: String(format: "%.4f", round.objective), bound: String(format: "%.4f", round.bound),
            gapPercent: String(format: "%.3f", round.gap * 100),
            bars: round.budgets.map { budget in
                Bar(label: budget.name, used: euros(budget.usedCents), budget: euros(budget.budgetCents),
                    percent: budget.budgetCents > 0 ? min(100, Int((Double(budget.usedCents) * 100 / Double(budget.budgetCents)).rounded())) : 0)
            },
            costs: round.proposals.map { euros($0.costCents) }))
    }

    @Sendable func send(req: Request) async throws -> Response {
        let round = try await RoundAPIController.round(req)
        try await MatchingRounds.send(round, on: req.db, linkBase: req.application.linkBase)
        return req.redirect(to: "/rounds/\(try round.requireID())")
    }
}
