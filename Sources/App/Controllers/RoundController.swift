import ProgrammeRules
import Vapor

/// Matching rounds: coordinators for their partnerships, the support office for all.
struct RoundController: Controller {
    func boot(_ routes: Surfaces) {
        let api = routes.api.access(.coordinatorOrAdmin)
        api.get("rounds", use: list)
        api.post("rounds", use: run)
        api.get("rounds", ":id", use: show)
        api.post("rounds", ":id", "send", use: send)
        let pages = routes.pages.access(.coordinatorOrAdmin)
        pages.get("rounds", use: listPage)
        pages.post("rounds", use: runPage)
        pages.get("rounds", ":id", use: showPage)
        pages.post("rounds", ":id", "send", use: sendPage)
    }

    // MARK: JSON

    @Sendable func list(req: Request) async throws -> [RoundSummaryDTO] {
        try await req.context.rounds.rounds()
    }

    @Sendable func run(req: Request) async throws -> Response {
        let round = try await req.context.rounds.run(try req.input(RoundInput.self))
        return try await req.created(round, at: "/api/v1/rounds/\(round.id)")
    }

    @Sendable func show(req: Request) async throws -> RoundDTO {
        try await req.context.rounds.round(try req.uuid("id", "matching round"))
    }

    @Sendable func send(req: Request) async throws -> RoundDTO {
        try await req.context.rounds.send(try req.uuid("id", "matching round"))
    }

    // MARK: Pages

    struct RoundsView: Encodable {
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

    struct RoundView: Encodable {
        let round: RoundDTO
        let objective: String
        let bound: String
        let gapPercent: String
        let bars: [Bar]
        let costs: [String]
    }

    @Sendable func listPage(req: Request) async throws -> Response {
        try await renderList(req, error: nil)
    }

    private func renderList(_ req: Request, error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let context = req.context
        let view = RoundsView(
            rounds: try await context.rounds.rounds(),
            partnerships: try await context.rounds.runnablePartnerships().map {
                Choice(value: $0.key, label: $0.name, selected: false)
            },
            mayRunAll: context.caller?.isAdmin == true, error: error)
        return try await req.page("rounds", title: "Matching rounds", view, status: status)
    }

    @Sendable func runPage(req: Request) async throws -> Response {
        do {
            let round = try await req.context.rounds.run(try req.input(RoundInput.self))
            return req.redirect(
                to: "/rounds/\(round.id)",
                flash: "The round is done: \(round.proposals.count) pairs proposed. Nothing is sent yet.")
        } catch let error as AppError where !error.problems.isEmpty {
            return try await renderList(req, error: error.problems.first?.message, status: error.status)
        }
    }

    @Sendable func showPage(req: Request) async throws -> Response {
        let round = try await req.context.rounds.round(try req.uuid("id", "matching round"))
        let euros = { (cents: Int) in Money.format(cents: cents, currency: "EUR") }
        let view = RoundView(
            round: round, objective: String(format: "%.4f", round.objective), bound: String(format: "%.4f", round.bound),
            gapPercent: String(format: "%.3f", round.gap * 100),
            bars: round.budgets.map { budget in
                Bar(
                    label: budget.name, used: euros(budget.usedCents), budget: euros(budget.budgetCents),
                    percent: budget.budgetCents > 0 ? min(100, Int(Int64(budget.usedCents) * 100 / Int64(budget.budgetCents))) : 0
                )
            },
            costs: round.proposals.map { euros($0.costCents) })
        return try await req.page("round", title: "Matching round", view)
    }

    @Sendable func sendPage(req: Request) async throws -> Response {
        let round = try await req.context.rounds.send(try req.uuid("id", "matching round"))
        let made = round.proposals.filter { $0.exchange != nil }.count
        return req.redirect(
            to: "/rounds/\(round.id)",
            flash: "The proposals were sent: \(made) of \(round.proposals.count) pairs are now exchange proposals, and both "
                + "organisations of each are told. Each host accepts or declines.")
    }
}
