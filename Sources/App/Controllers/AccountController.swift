import Vapor

/// A person's own account: who they are, their API tokens and browser sessions.
struct AccountController: Controller {
    func boot(_ routes: Surfaces) {
        routes.api.access(.anyone).post("auth", "token", use: issueToken)
        let api = routes.api.access(.signedIn)
        api.get("me", use: me)
        api.get("auth", "tokens", use: tokens)
        api.delete("auth", "token", use: revokeCurrentToken)
        api.delete("auth", "tokens", ":id", use: revokeToken)
        api.get("auth", "sessions", use: sessions)
        api.post("auth", "sign-out-everywhere", use: signOutEverywhere)
        let pages = routes.pages.access(.signedIn)
        pages.get("account", use: account)
        pages.post("account", "tokens", ":id", "revoke", use: revokeTokenPage)
        pages.post("account", "sessions", ":id", "revoke", use: revokeSessionPage)
        pages.post("account", "name", use: rename)
        pages.post("account", "password", use: changePassword)
        pages.post("account", "email", use: changeEmail)
        // The link may be opened in a browser that is not signed in: the token proves the address.
        let open = routes.pages.access(.anyone)
        open.get("account", "email", "confirm", use: confirmEmailForm)
        open.post("account", "email", "confirm", use: confirmEmail)
    }

    @Sendable func issueToken(req: Request) async throws -> TokenDTO {
        let input = try req.input(TokenRequest.self)
        return try await req.context.credentials.issueToken(email: input.email, password: input.password)
    }

    @Sendable func me(req: Request) async throws -> MeDTO {
        try await req.context.accounts.me()
    }

    @Sendable func tokens(req: Request) async throws -> [TokenSummaryDTO] {
        try await req.context.credentials.tokens()
    }

    @Sendable func revokeCurrentToken(req: Request) async throws -> HTTPStatus {
        try await req.context.credentials.revokeToken(nil)
        return .noContent
    }

    @Sendable func revokeToken(req: Request) async throws -> HTTPStatus {
        try await req.context.credentials.revokeToken(try req.uuid("id", "token"))
        return .noContent
    }

    @Sendable func sessions(req: Request) async throws -> [SessionSummaryDTO] {
        try await req.context.credentials.sessions()
    }

    @Sendable func signOutEverywhere(req: Request) async throws -> HTTPStatus {
        try await req.context.credentials.signOutEverywhere()
        return .noContent
    }

    struct AccountView: Encodable {
        let me: MeDTO
        let sessions: [SessionSummaryDTO]
        let tokens: [TokenSummaryDTO]
        /// Whether a private calendar link exists (its address is shown once, when made).
        let hasCalendar: Bool
        /// The forms' problems by field, and what was typed (never a password).
        let errors: [String: String]
        let typedName: String?
        let typedEmail: String?
        /// The address scripts ask for a token at.
        let tokenURL: String
        /// A calendar link just made: shown this once, with a button to copy it.
        let newCalendarLink: String?
        /// Where the person's photo is read, if they have one.
        let photo: String?
        /// What erasing the account would mean for organisations only they administer.
        let erasureConsequences: [String]
    }

    @Sendable func account(req: Request) async throws -> Response {
        try await accountPage(req)
    }

    func accountPage(
        _ req: Request, errors: [String: String] = [:], typedName: String? = nil, typedEmail: String? = nil,
        newCalendarLink: String? = nil
    ) async throws -> Response {
        let context = req.context
        let view = AccountView(
            me: try await context.accounts.me(), sessions: try await context.credentials.sessions(),
            tokens: try await context.credentials.tokens(), hasCalendar: try await context.calendars.hasLink(),
            errors: errors, typedName: typedName, typedEmail: typedEmail, tokenURL: "\(context.linkBase)/api/v1/auth/token",
            newCalendarLink: newCalendarLink, photo: try await context.pictures.myPhoto(),
            erasureConsequences: try await context.personalData.consequences())
        return try await req.page(
            "account", title: "Your account", view, status: errors.isEmpty ? .ok : .unprocessableEntity, forms: true)
    }

    struct ChangeForm: Content {
        var name: String?
        var email: String?
        var password: String?
        var newPassword: String?
    }

    /// Runs a change; its refusal is shown beside the fields of the account page.
    private func change(
        _ req: Request, _ form: ChangeForm, _ work: (ChangeForm) async throws -> String
    ) async throws -> Response {
        do {
            return req.redirect(to: "/account", flash: try await work(form))
        } catch let error as AppError where !error.problems.isEmpty {
            var errors: [String: String] = [:]
            for problem in error.problems where errors[problem.field] == nil { errors[problem.field] = problem.message }
            return try await accountPage(req, errors: errors, typedName: form.name, typedEmail: form.email)
        }
    }

    @Sendable func rename(req: Request) async throws -> Response {
        try await change(req, try req.input(ChangeForm.self)) { try await req.context.accountChanges.rename(to: $0.name) }
    }

    @Sendable func changePassword(req: Request) async throws -> Response {
        try await change(req, try req.input(ChangeForm.self)) {
            try await req.context.accountChanges.changePassword(current: $0.password, new: $0.newPassword)
        }
    }

    @Sendable func changeEmail(req: Request) async throws -> Response {
        try await change(req, try req.input(ChangeForm.self)) {
            try await req.context.accountChanges.requestEmailChange(to: $0.email, password: $0.password)
        }
    }

    struct ConfirmEmailView: Encodable {
        let token: String
    }

    @Sendable func confirmEmailForm(req: Request) async throws -> Response {
        let token = String((req.query[String.self, at: "token"] ?? "").prefix(64))
        return try await req.page(
            "account-email-confirm", title: "Confirm your new address", ConfirmEmailView(token: token), forms: true)
    }

    @Sendable func confirmEmail(req: Request) async throws -> Response {
        struct Form: Content { var token: String? }
        let said = try await req.context.accountChanges.confirmEmailChange(token: try req.input(Form.self).token ?? "")
        return req.redirect(to: req.context.caller == nil ? "/login" : "/account", flash: said)
    }

    @Sendable func revokeTokenPage(req: Request) async throws -> Response {
        try await req.context.credentials.revokeToken(try req.uuid("id", "token"))
        return req.redirect(to: "/account", flash: "The API token was revoked: scripts using it are signed out.")
    }

    @Sendable func revokeSessionPage(req: Request) async throws -> Response {
        try await req.context.credentials.revokeSession(try req.uuid("id", "session"))
        return req.redirect(to: "/account", flash: "That browser is signed out.")
    }
}
