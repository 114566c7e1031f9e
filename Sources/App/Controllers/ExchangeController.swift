import ProgrammeRules
import Vapor

/// Exchanges through the API (`docs/interfaces.md`, "Exchanges: HTTP") and as pages.
struct ExchangeController: Controller {
    func boot(_ routes: Surfaces) {
        let api = routes.api.access(.signedIn)
        api.post("exchanges", use: propose)
        api.get("exchanges", use: list)
        api.get("exchanges", ":id", use: show)
        api.put("exchanges", ":id", "commitment", use: commitment)
        api.put("exchanges", ":id", "report", use: report)
        api.put("exchanges", ":id", "evaluation", use: evaluation)
        api.post("exchanges", ":id", "actions", ":action", use: act)
        api.upload(.POST, "exchanges", ":id", "evidence", limit: Exchanges.evidenceUploadLimit, use: uploadEvidence)
        api.get("exchanges", ":id", "evidence", ":file", use: evidence)
        api.delete("exchanges", ":id", "evidence", ":file", use: removeEvidence)
        // Public money is public: a partnership's totals are open to anyone (decision 0032).
        routes.api.access(.anyone).get("partnerships", ":key", "budget", use: budget)
        bootPages(routes)
    }

    @Sendable func propose(req: Request) async throws -> Response {
        let exchange = try await req.context.exchanges.propose(try req.input(ExchangeInput.self))
        return try await req.created(exchange, at: "/api/v1/exchanges/\(exchange.id)")
    }

    @Sendable func list(req: Request) async throws -> [ExchangeDTO] {
        try await req.context.exchanges.list(phase: req.query[String.self, at: "phase"])
    }

    @Sendable func show(req: Request) async throws -> ExchangeDTO {
        try await req.context.exchanges.view(try req.uuid("id", "exchange"))
    }

    @Sendable func commitment(req: Request) async throws -> ExchangeDTO {
        try await req.context.exchanges.editCommitment(try req.uuid("id", "exchange"), try req.input(CommitmentInput.self))
    }

    @Sendable func report(req: Request) async throws -> ExchangeDTO {
        try await req.context.exchanges.writeReport(try req.uuid("id", "exchange"), try req.input(ReportInput.self))
    }

    @Sendable func evaluation(req: Request) async throws -> ExchangeDTO {
        try await req.context.exchanges.writeEvaluation(try req.uuid("id", "exchange"), try req.input(EvaluationInput.self))
    }

    /// The body is optional: most actions need none.
    @Sendable func act(req: Request) async throws -> ExchangeDTO {
        let hasBody = (req.body.data?.readableBytes ?? 0) > 0
        let input = hasBody ? try req.input(ActionInput.self) : ActionInput()
        return try await req.context.exchanges.act(try req.uuid("id", "exchange"), action: try req.key("action"), input)
    }

    @Sendable func uploadEvidence(req: Request) async throws -> Response {
        let data = req.body.data.map { Data(buffer: $0) } ?? Data()
        let file = try await req.context.exchanges.uploadEvidence(
            try req.uuid("id", "exchange"), filename: req.headers.first(name: "X-Filename") ?? "evidence", data: data)
        return try await req.created(file, at: "/api/v1/exchanges/\(try req.uuid("id", "exchange"))/evidence/\(file.id)")
    }

    @Sendable func evidence(req: Request) async throws -> Response {
        let (file, data) = try await req.context.exchanges.evidence(
            try req.uuid("id", "exchange"), file: try req.uuid("file", "file"))
        return Download.response(.init(data: data), contentType: file.contentType, filename: file.filename)
    }

    @Sendable func removeEvidence(req: Request) async throws -> HTTPStatus {
        _ = try await req.context.exchanges.removeEvidence(try req.uuid("id", "exchange"), file: try req.uuid("file", "file"))
        return .noContent
    }

    @Sendable func budget(req: Request) async throws -> BudgetDTO {
        try await req.context.ledger.budget(of: try req.key())
    }
}
