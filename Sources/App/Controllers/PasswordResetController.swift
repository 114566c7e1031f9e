import Vapor

/// "Forgot your password?": the pages and the API.
struct PasswordResetController: Controller {
    func boot(_ routes: Surfaces) {
        let pages = routes.pages.access(.anyone)
        pages.get("password", "forgot", use: forgotForm)
        pages.post("password", "forgot", use: forgot)
        pages.get("password", "reset", use: resetForm)
        pages.post("password", "reset", use: reset)
        let api = routes.api.access(.anyone)
        api.post("auth", "password-reset", use: requestAPI)
        api.post("auth", "password-reset", "confirm", use: confirmAPI)
    }

    struct ForgotView: Encodable {
        let sent: Bool
    }

    struct ResetView: Encodable {
        let token: String
        let error: String?
        let minimumPasswordLength: Int
    }

    struct ResetRequest: Content { let email: String }
    struct ResetConfirmation: Content { let token: String; let password: String }

    @Sendable func forgotForm(req: Request) async throws -> Response {
        try await req.page("password-forgot", title: "Forgot your password?", ForgotView(sent: false), forms: true)
    }

    @Sendable func forgot(req: Request) async throws -> Response {
        struct Form: Content { var email: String? }
        try await req.context.passwordResets.request(email: try req.input(Form.self).email ?? "")
        return try await req.page("password-forgot", title: "Forgot your password?", ForgotView(sent: true), forms: true)
    }

    @Sendable func resetForm(req: Request) async throws -> Response {
        let token = String((req.query[String.self, at: "token"] ?? "").prefix(64))
        let view = ResetView(token: token, error: nil, minimumPasswordLength: AccountInput.minimumPasswordLength)
        return try await req.page("password-reset", title: "Choose a new password", view, forms: true)
    }

    @Sendable func reset(req: Request) async throws -> Response {
        struct Form: Content { var token: String?; var password: String? }
        let form = try req.input(Form.self)
        do {
            try await req.context.passwordResets.complete(token: form.token ?? "", newPassword: form.password ?? "")
            return req.redirect(
                to: "/login", flash: "Your new password is set: sign in with it. Every other session was signed out.")
        } catch let error as AppError where !error.problems.isEmpty {
            let view = ResetView(
                token: String((form.token ?? "").prefix(64)), error: error.inWords,
                minimumPasswordLength: AccountInput.minimumPasswordLength)
            return try await req.page("password-reset", title: "Choose a new password", view, status: error.status, forms: true)
        }
    }

    @Sendable func requestAPI(req: Request) async throws -> HTTPStatus {
        try await req.context.passwordResets.request(email: try req.input(ResetRequest.self).email)
        return .accepted
    }

    @Sendable func confirmAPI(req: Request) async throws -> HTTPStatus {
        let input = try req.input(ResetConfirmation.self)
        try await req.context.passwordResets.complete(token: input.token, newPassword: input.password)
        return .noContent
    }
}
