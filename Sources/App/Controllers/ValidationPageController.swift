import Fluent
import Vapor

/// A coordinator's validation queue: registrations waiting for their partnership's decision.
struct ValidationPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let deciders = routes.access(.coordinatorOrAdmin)
        deciders.get("validation", use: queue)
        deciders.post("registrations", ":id", "decision", use: decide)
        routes.access(.signedIn).get("registrations", ":id", "cv", use: cv)
    }

    struct QueueItem: Encodable {
        let id: String
        let registration: RegistrationDTO
        let kindName: String
    }

    struct QueuePage: Encodable {
        let layout: Layout
        let items: [QueueItem]
        let errors: [String: String]
        let failedID: String?
        let notice: String?
    }

    @Sendable
    func queue(req: Request) async throws -> View {
        try await render(req, errors: [:], failedID: nil, notice: req.query[String.self, at: "done"].map { "Decision recorded: \($0)." })
    }

    @Sendable
    func decide(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound, reason: "No such registration.", identifier: "not-found") }
        let input = try req.content.decode(DecisionInput.self)
        do {
            let registration = try await Registrations.decide(id, input, by: try req.auth.require(User.self), on: req.db, linkBase: req.application.linkBase)
            return req.redirect(to: "/validation?done=\(registration.organisation.key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")+\(registration.status.rawValue)")
        } catch let problem as InputProblem {
            let errors = Dictionary(problem.problems.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a })
            let response = try await render(req, errors: errors, failedID: id.uuidString, notice: nil).encodeResponse(for: req)
            response.status = problem.status
            return response
        }
    }

    @Sendable
    func cv(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound, reason: "No such registration.", identifier: "not-found") }
        return try await Registrations.cvDownload(id, for: try req.auth.require(User.self), on: req.db)
    }

    private func render(_ req: Request, errors: [String: String], failedID: String?, notice: String?) async throws -> View {
        let registrations = try await Registrations.queue(for: try req.auth.require(User.self), on: req.db)
        let items = try registrations.map { registration in
            QueueItem(id: try registration.requireID().uuidString, registration: try RegistrationDTO(registration),
                      kindName: registration.organisation.organisationKind?.displayName ?? registration.organisation.kind)
        }
        return try await req.view.render("validation", QueuePage(layout: req.layout("Validation queue"), items: items, errors: errors, failedID: failedID, notice: notice))
    }
}
