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
    }

    @Sendable func account(req: Request) async throws -> Response {
        let context = req.context
        let view = AccountView(
            me: try await context.accounts.me(), sessions: try await context.credentials.sessions(),
            tokens: try await context.credentials.tokens(), hasCalendar: try await context.calendars.hasLink())
        return try await req.page("account", title: "Your account", view)
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
