import Vapor

/// "What came of it?": each organisation's answer six months after its exchange was paid, as a
/// page and as JSON.
struct OutcomeController: Controller {
    func boot(_ routes: Surfaces) {
        let pages = routes.pages.access(.signedIn)
        pages.get("exchanges", ":id", "outcome", use: page)
        pages.post("exchanges", ":id", "outcome", use: answer)
        let api = routes.api.access(.signedIn)
        api.get("exchanges", ":id", "outcome", use: outcome)
        api.put("exchanges", ":id", "outcome", use: answerAPI)
    }

    @Sendable func outcome(req: Request) async throws -> OutcomeDTO {
        OutcomeDTO(try await req.context.outcomes.form(try req.uuid("id", "exchange")))
    }

    @Sendable func answerAPI(req: Request) async throws -> OutcomeDTO {
        let id = try req.uuid("id", "exchange")
        let input = try req.input(OutcomeInput.self)
        _ = try await req.context.outcomes.answer(id, answer: input.answer, note: input.note)
        return OutcomeDTO(try await req.context.outcomes.form(id))
    }

    struct View: Encodable {
        let form: Outcomes.Form
        let errors: [String: String]
    }

    @Sendable func page(req: Request) async throws -> Response {
        let form = try await req.context.outcomes.form(try req.uuid("id", "exchange"))
        return try await req.page("exchange-outcome", title: "What came of it?", View(form: form, errors: [:]))
    }

    struct AnswerForm: Content {
        var answer: String?
        var note: String?
    }

    @Sendable func answer(req: Request) async throws -> Response {
        let id = try req.uuid("id", "exchange")
        let input = try req.content.decode(AnswerForm.self)
        do {
            let said = try await req.context.outcomes.answer(id, answer: input.answer, note: input.note)
            return req.redirect(to: "/exchanges/\(id)", flash: said)
        } catch let error as AppError where !error.problems.isEmpty {
            let form = try await req.context.outcomes.form(id)
            return try await req.page(
                "exchange-outcome", title: "What came of it?", View(form: form, errors: error.fieldMessages), status: error.status
            )
        }
    }
}
