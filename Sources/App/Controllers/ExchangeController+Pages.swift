import ProgrammeRules
import Vapor

/// Exchanges as pages: the list, the proposal form, the exchange with its actions as buttons, the
/// commitment form and its printable version, the report with its evidence, a partnership's budget.
extension ExchangeController {
    func bootPages(_ routes: Surfaces) {
        let pages = routes.pages.access(.signedIn)
        pages.get("exchanges", use: listPage)
        pages.get("exchanges", "new", use: newPage)
        pages.post("exchanges", use: proposePage)
        pages.get("exchanges", ":id", use: showPage)
        pages.post("exchanges", ":id", "actions", ":action", use: actPage)
        pages.get("exchanges", ":id", "commitment", use: commitmentPage)
        pages.post("exchanges", ":id", "commitment", use: saveCommitmentPage)
        pages.get("exchanges", ":id", "print", use: printPage)
        // The report's text and a file of evidence in one form: a file chosen never loses what was typed.
        pages.upload(.POST, "exchanges", ":id", "report", limit: Exchanges.evidenceUploadLimit, use: saveReportPage)
        pages.post("exchanges", ":id", "evaluation", use: saveEvaluationPage)
        pages.get("exchanges", ":id", "evidence", ":file", use: evidence)
        pages.post("exchanges", ":id", "evidence", ":file", "remove", use: removeEvidencePage)
        pages.get("partnerships", ":key", "budget", use: budgetPage)
    }

    struct ListView: Encodable {
        struct Group: Encodable {
            let phase: String
            let words: String
            let exchanges: [ExchangeDigest.Item]
        }
        let groups: [Group]
        let count: Int
        /// The one phase shown (`?phase=`, the dashboards' links), in words; nil for all.
        let phase: String?
        let phaseWords: String?
    }

    @Sendable func listPage(req: Request) async throws -> Response {
        // Read as the dashboards read them (one query), not as whole records: a coordinator sees hundreds.
        let context = req.context
        let only = try Exchanges.phase(req.query[String.self, at: "phase"])
        let exchanges = try await ExchangeDigest.read(context, scope: try await context.exchangeScope()).items
            .filter { only == nil || $0.phase == only }
        let groups = ExchangePhase.allCases.compactMap { phase -> ListView.Group? in
            let inPhase = exchanges.filter { $0.phase == phase }
            return inPhase.isEmpty ? nil : ListView.Group(phase: phase.rawValue, words: phase.words, exchanges: inPhase)
        }
        return try await req.page(
            "exchanges", title: only.map { "Exchanges: \($0.words)" } ?? "Exchanges",
            ListView(groups: groups, count: exchanges.count, phase: only?.rawValue, phaseWords: only?.words))
    }

    struct ProposalView: Encodable {
        let form: ExchangeInput
        /// The request and the offer in words, when given; otherwise the caller's own to choose from.
        let request: String
        let offer: String
        let requestChoices: [Choice]
        let offerChoices: [Choice]
        let errors: [String: String]
    }

    @Sendable func newPage(req: Request) async throws -> Response {
        var form = ExchangeInput()
        form.request = req.query[String.self, at: "request"]
        form.offer = req.query[String.self, at: "offer"]
        form.start = req.query[String.self, at: "start"]
        form.end = req.query[String.self, at: "end"]
        return try await renderProposal(req, form: form, errors: [:])
    }

    @Sendable func proposePage(req: Request) async throws -> Response {
        let form = try req.input(ExchangeInput.self)
        do {
            let exchange = try await req.context.exchanges.propose(form)
            let next =
                exchange.phase == .accepted
                ? "Next: the two write the Commitment to Quality." : "The other side is told and answers."
            return req.redirect(to: "/exchanges/\(exchange.id)", flash: "The exchange is proposed. \(next)")
        } catch let error as AppError where !error.problems.isEmpty {
            return try await renderProposal(req, form: form, errors: error.fieldMessages, status: error.status)
        }
    }

    private func renderProposal(_ req: Request, form: ExchangeInput, errors: [String: String], status: HTTPResponseStatus = .ok)
        async throws -> Response
    {
        let catalogue = req.context.catalogue
        let request = try? await catalogue.listing(VisitRequest.self, form.request ?? "").listing
        let offer = try? await catalogue.listing(Offer.self, form.offer ?? "").listing
        let own = try await req.context.exchanges.ownListings()
        let view = ProposalView(
            form: form, request: request.map { "\($0.title) (\($0.visitor.name))" } ?? "",
            offer: offer.map { "\($0.title) (\($0.host.name))" } ?? "",
            requestChoices: request == nil
                ? own.requests.map {
                    Choice(value: $0.key, label: "\($0.title) (\($0.visitor.name))", selected: $0.key == form.request)
                } : [],
            offerChoices: offer == nil
                ? own.offers.map { Choice(value: $0.key, label: "\($0.title) (\($0.host.name))", selected: $0.key == form.offer) }
                : [],
            errors: errors)
        return try await req.page("exchange-new", title: "Propose an exchange", view, status: status)
    }

    @Sendable func showPage(req: Request) async throws -> Response {
        let context = req.context
        let exchange = try await context.exchanges.view(try req.uuid("id", "exchange"))
        var page = ExchangePage(exchange, today: context.clock.today)
        if !exchange.virtual, let km = try await context.exchanges.distanceKm(visitor: exchange.visitor, host: exchange.host) {
            page.travel = Travel.words(km: km)
        }
        return try await req.page("exchange", title: "\(exchange.visitorName) at \(exchange.hostName)", page)
    }

    @Sendable func actPage(req: Request) async throws -> Response {
        let id = try req.uuid("id", "exchange")
        let action = try req.key("action")
        let input = try req.input(ActionInput.self)
        do {
            let exchange = try await req.context.exchanges.act(id, action: action, input)
            // What happened, then what comes next: "Done: the proposal is accepted. Next: write the …, by 22 February 2027."
            var said = "Done: \(ExchangeAction(wireName: action)?.happened ?? "the exchange moved on")."
            if let next = exchange.next { said += " Next: \(next.what)" + (next.by.map { ", by \($0.words)" } ?? "") + "." }
            return req.redirect(to: "/exchanges/\(id)", flash: said)
        } catch let error as AppError where [.conflict, .unprocessableEntity, .forbidden].contains(error.status) {
            req.flash("Not done: \(error.inWords)")
            return req.redirect(to: "/exchanges/\(id)")
        }
    }

    struct CommitmentView: Encodable {
        let exchange: ExchangeDTO
        let form: CommitmentInput
        let errors: [String: String]
    }

    @Sendable func commitmentPage(req: Request) async throws -> Response {
        let exchange = try await req.context.exchanges.view(try req.uuid("id", "exchange"))
        let form = CommitmentInput(
            goals: exchange.goals, objectives: exchange.objectives, agenda: exchange.agenda, start: exchange.start.description,
            end: exchange.end.description)
        return try await req.page(
            "exchange-commitment", title: "Commitment to Quality", CommitmentView(exchange: exchange, form: form, errors: [:]))
    }

    @Sendable func saveCommitmentPage(req: Request) async throws -> Response {
        let id = try req.uuid("id", "exchange")
        let form = try req.input(CommitmentInput.self)
        do {
            let exchange = try await req.context.exchanges.editCommitment(id, form)
            return req.redirect(
                to: "/exchanges/\(id)",
                flash: "Version \(exchange.commitmentVersion) of the Commitment to Quality is saved. Each party signs it now.")
        } catch let error as AppError where !error.problems.isEmpty {
            let exchange = try await req.context.exchanges.view(id)
            return try await req.page(
                "exchange-commitment", title: "Commitment to Quality",
                CommitmentView(exchange: exchange, form: form, errors: error.fieldMessages),
                status: error.status)
        }
    }

    @Sendable func printPage(req: Request) async throws -> Response {
        let exchange = try await req.context.exchanges.view(try req.uuid("id", "exchange"))
        return try await req.page(
            "exchange-print", title: "Commitment to Quality: \(exchange.visitorName) at \(exchange.hostName)",
            ExchangePage(exchange, today: req.context.clock.today, buttons: false))
    }

    /// The report's text, and a file of evidence when one is chosen. The text is saved first, so a
    /// refused file (too large, of the wrong kind) never costs what was typed.
    @Sendable func saveReportPage(req: Request) async throws -> Response {
        struct Form: Content {
            var outcomes: String?
            var followUp: String?
            var learned: String?
            var file: File?
        }
        let id = try req.uuid("id", "exchange")
        let form = try req.input(Form.self)
        let context = req.context
        do {
            _ = try await context.exchanges.writeReport(
                id, ReportInput(outcomes: form.outcomes, followUp: form.followUp, learned: form.learned))
        } catch let error as AppError where !error.problems.isEmpty {
            req.flash("Not saved: \(error.inWords)")
            return req.redirect(to: "/exchanges/\(id)")
        }
        guard let file = form.file, file.data.readableBytes > 0 else {
            return req.redirect(to: "/exchanges/\(id)", flash: "The report is saved. Submit it once the stay has ended.")
        }
        do {
            let saved = try await context.exchanges.uploadEvidence(id, filename: file.filename, data: Data(buffer: file.data))
            return req.redirect(
                to: "/exchanges/\(id)", flash: "The report is saved and \(saved.filename) is added to the evidence.")
        } catch let error as AppError where !error.problems.isEmpty {
            req.flash("The report is saved, but the file is not added: \(error.inWords)")
            return req.redirect(to: "/exchanges/\(id)")
        }
    }

    @Sendable func saveEvaluationPage(req: Request) async throws -> Response {
        let id = try req.uuid("id", "exchange")
        do {
            _ = try await req.context.exchanges.writeEvaluation(id, try req.input(EvaluationInput.self))
            return req.redirect(
                to: "/exchanges/\(id)",
                flash: "Your evaluation is saved: the visitor and both partnerships read it beside the report.")
        } catch let error as AppError where !error.problems.isEmpty {
            req.flash("Not saved: \(error.inWords)")
            return req.redirect(to: "/exchanges/\(id)#evaluation")
        }
    }

    @Sendable func removeEvidencePage(req: Request) async throws -> Response {
        let id = try req.uuid("id", "exchange")
        let name = try await req.context.exchanges.removeEvidence(id, file: try req.uuid("file", "file"))
        return req.redirect(to: "/exchanges/\(id)", flash: "\(name) is removed from the evidence.")
    }

    struct BudgetView: Encodable {
        let chart: BudgetChart
        let lines: [Line]
        /// The chart again, as the list the shared chart template (`parts/budget-chart`) loops over.
        let charts: [BudgetChart]

        struct Line: Encodable {
            let at: Date
            let exchange: UUID
            let exchangeName: String
            let what: String
            let amount: String
        }
    }

    @Sendable func budgetPage(req: Request) async throws -> Response {
        let key = try req.key()
        let ledger = try await req.context.ledger.lines(of: key)
        let budget = try await req.context.ledger.budget(of: key)
        let chart = BudgetChart(budget, fundedExchanges: ledger.fundedExchanges)
        let view = BudgetView(
            chart: chart,
            lines: ledger.lines.map { line in
                BudgetView.Line(
                    at: line.at, exchange: line.exchange, exchangeName: line.exchangeName,
                    what: line.kind.words, amount: Money.format(cents: line.amountCents, currency: "EUR"))
            }, charts: [chart])
        return try await req.page("budget", title: "Budget of \(budget.name)", view)
    }
}
