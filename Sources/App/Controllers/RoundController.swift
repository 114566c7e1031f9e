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
        pages.get("rounds", ":id", "send", use: confirmSendPage)
        pages.post("rounds", ":id", "send", use: sendPage)
        pages.post("rounds", ":id", "drop", use: dropPage)
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
        /// The round in one sentence: what it chose and how close to the best it is proven to be.
        let summary: String
        let method: String
        let bars: [Bar]
        let pairs: [Pair]
        let total: String
        let organisations: Int
    }

    /// A proposed pair as people read it.
    struct Pair: Encodable {
        let proposal: RoundProposalDTO
        let fit: Int
        let lumpSum: String
        let stay: String
        /// An open exchange already proposed for this request (outside this round).
        let alreadyProposed: UUID?
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
            return try await renderList(req, error: error.inWords, status: error.status)
        }
    }

    @Sendable func showPage(req: Request) async throws -> Response {
        let view = try await roundView(req)
        return try await req.page("round", title: "Matching round", view)
    }

    /// Before anything is mailed: what sending does, and to how many.
    @Sendable func confirmSendPage(req: Request) async throws -> Response {
        let view = try await roundView(req)
        guard view.round.sentAt == nil else { return req.redirect(to: "/rounds/\(view.round.id)") }
        return try await req.page("round-send", title: "Send the round?", view)
    }

    @Sendable func dropPage(req: Request) async throws -> Response {
        struct Form: Content {
            var request: String?
            var offer: String?
        }
        let id = try req.uuid("id", "matching round")
        let form = try req.input(Form.self)
        let title = try await req.context.rounds.drop(id, request: form.request ?? "", offer: form.offer ?? "")
        return req.redirect(to: "/rounds/\(id)", flash: "“\(title)” is dropped from the round: it will not be proposed.")
    }

    private func roundView(_ req: Request) async throws -> RoundView {
        let context = req.context
        let round = try await context.rounds.round(try req.uuid("id", "matching round"))
        let euros = { (cents: Int) in Money.format(cents: cents, currency: "EUR") }
        var already: [String: UUID] = [:]
        if round.sentAt == nil {
            already = try await context.rounds.openExchanges(forRequestKeys: round.proposals.map(\.request))
        }
        let gap = max(0, round.gap * 100)
        let gapWords =
            gap < 0.05
            ? "No other choice of pairs within the budgets fits better."
            : "No other choice of pairs within the budgets fits more than \(String(format: "%.1f", gap))% better."
        let spent = round.proposals.reduce(0) { $0 + $1.costCents }
        let available = round.budgets.reduce(0) { $0 + $1.availableCents }
        let without = max(0, round.visitors - Set(round.proposals.map(\.visitor)).count)
        let count = { (n: Int, one: String, many: String) in "\(n) \(n == 1 ? one : many)" }
        let pairs = round.proposals.map { proposal in
            Pair(
                proposal: proposal, fit: Int((proposal.score * 100).rounded()), lumpSum: euros(proposal.costCents),
                stay: CalendarDate.span(proposal.stay.start, proposal.stay.end), alreadyProposed: already[proposal.request])
        }
        let organisations = Set(round.proposals.flatMap { [$0.visitor, $0.host] }).count
        return RoundView(
            round: round,
            summary: "The round proposes \(count(round.proposals.count, "exchange", "exchanges")) for "
                + "\(count(round.visitors, "visitor", "visitors")) with open requests. They would spend \(euros(spent)) of "
                + "the \(euros(available)) available, leaving \(euros(max(0, available - spent))). \(gapWords)"
                + (without == 0
                    ? ""
                    : " \(count(without, "visitor gets", "visitors get")) no proposal: no offer suits their requests "
                        + "within the programme's rules, or the budget goes further with better-fitting pairs."),
            method: (round.method == "exact min-cost flow"
                ? "Every choice of pairs was weighed (an exact method)."
                : "The pairs were chosen by a fast method, then checked against a proven limit.")
                + " Each pair's fit is out of 100; the round chooses the pairs whose fits add up to the most, here "
                + "\(Int((round.objective * 100).rounded())), among \(round.candidates) possible pairs.",
            bars: round.budgets.map { budget in
                Bar(
                    label: budget.name, used: euros(budget.usedCents), budget: euros(budget.availableCents),
                    percent: budget.availableCents > 0
                        ? min(100, Int(Int64(budget.usedCents) * 100 / Int64(budget.availableCents))) : 0)
            },
            pairs: pairs, total: euros(round.proposals.reduce(0) { $0 + $1.costCents }), organisations: organisations)
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
