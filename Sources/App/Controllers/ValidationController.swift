import Vapor

/// A coordinator's validation queue: registrations waiting for their partnership's decision.
struct ValidationController: Controller {
    func boot(_ routes: Surfaces) {
        let api = routes.api.access(.coordinatorOrAdmin)
        api.get("validation-queue", use: queue)
        api.post("registrations", ":id", "decision", use: decide)
        let pages = routes.pages.access(.coordinatorOrAdmin)
        pages.get("validation", use: queuePage)
        pages.post("registrations", ":id", "decision", use: decidePage)
    }

    @Sendable func queue(req: Request) async throws -> [RegistrationDTO] {
        try await req.context.registrations.queue()
    }

    @Sendable func decide(req: Request) async throws -> RegistrationDTO {
        try await req.context.registrations.decide(try req.uuid("id", "registration"), try req.input(DecisionInput.self))
    }

    struct QueueView: Encodable {
        let items: [Dashboards.QueueItem]
        let errors: [String: String]
        let failedID: String?
    }

    @Sendable func queuePage(req: Request) async throws -> Response {
        try await render(req, errors: [:], failedID: nil)
    }

    @Sendable func decidePage(req: Request) async throws -> Response {
        let id = try req.uuid("id", "registration")
        do {
            let decided = try await req.context.registrations.decide(id, try req.input(DecisionInput.self))
            return req.redirect(
                to: "/validation",
                flash: "Recorded: \(decided.organisation.name) is \(decided.status.words). They are told by e-mail.")
        } catch let error as AppError where !error.problems.isEmpty && error.status == .unprocessableEntity {
            return try await render(req, errors: error.fieldMessages, failedID: id.uuidString, status: error.status)
        }
    }

    private func render(_ req: Request, errors: [String: String], failedID: String?, status: HTTPResponseStatus = .ok)
        async throws -> Response
    {
        let items = try await req.context.dashboards.queue(limit: 200, whole: true).items
        return try await req.page(
            "validation", title: "Validation queue", QueueView(items: items, errors: errors, failedID: failedID), status: status)
    }
}
