import Vapor

/// "Forgot your password?": the pages.
struct PasswordResetPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.access(.anyone)
        open.get("password", "forgot", use: forgotForm)
        open.post("password", "forgot", use: forgot)
        open.get("password", "reset", use: resetForm)
        open.post("password", "reset", use: reset)
    }

    struct ForgotPage: Encodable {
        let layout: Layout
        let sent: Bool
    }

    struct ResetPage: Encodable {
        let layout: Layout
        let token: String
        let error: String?
        let minimumPasswordLength: Int
    }

    @Sendable func forgotForm(req: Request) async throws -> View {
        try await req.view.render("password-forgot", ForgotPage(layout: req.layout("Forgot your password?"), sent: false))
    }

    @Sendable func forgot(req: Request) async throws -> View {
        struct Form: Content { var email: String? }
        let form = try req.content.decode(Form.self)
        try await PasswordResets.request(email: form.email ?? "", on: req.db, linkBase: req.application.linkBase)
        return try await req.view.render("password-forgot", ForgotPage(layout: req.layout("Forgot your password?"), sent: true))
    }

    @Sendable func resetForm(req: Request) async throws -> View {
        try await req.view.render("password-reset", ResetPage(
            layout: req.layout("Choose a new password"), token: req.query[String.self, at: "token"] ?? "", error: nil,
            minimumPasswordLength: AccountInput.minimumPasswordLength))
    }

    @Sendable func reset(req: Request) async throws -> Response {
        struct Form: Content { var token: String?; var password: String? }
        let form = try req.content.decode(Form.self)
        do {
            try await PasswordResets.complete(token: form.token ?? "", newPassword: form.password ?? "", on: req.db, hasher: req.application.password)
            req.application.tokenCache.forgetAll()
            return req.redirect(to: "/login")
        } catch let problem as InputProblem {
            let page = ResetPage(layout: req.layout("Choose a new password"), token: form.token ?? "", error: problem.problems.first?.message,
                                 minimumPasswordLength: AccountInput.minimumPasswordLength)
            let response = try await req.view.render("password-reset", page).encodeResponse(for: req)
            response.status = problem.status
            return response
        }
    }
}

/// The same through the API.
struct PasswordResetAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.access(.anyone)
        open.post("auth", "password-reset", use: request)
        open.post("auth", "password-reset", "confirm", use: confirm)
    }

    struct ResetRequest: Content { let email: String }
    struct ResetConfirmation: Content { let token: String; let password: String }

    @Sendable func request(req: Request) async throws -> HTTPStatus {
        let input = try req.content.decode(ResetRequest.self)
        try await PasswordResets.request(email: input.email, on: req.db, linkBase: req.application.linkBase)
        return .accepted
    }

    @Sendable func confirm(req: Request) async throws -> HTTPStatus {
        let input = try req.content.decode(ResetConfirmation.self)
        try await PasswordResets.complete(token: input.token, newPassword: input.password, on: req.db, hasher: req.application.password)
        req.application.tokenCache.forgetAll()
        return .noContent
    }
}
