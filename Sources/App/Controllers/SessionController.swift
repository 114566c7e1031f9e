import Vapor

/// Signing in and out, and creating an account, in the browser.
struct SessionController: Controller {
    func boot(_ routes: Surfaces) {
        let open = routes.pages.access(.anyone)
        open.get("login", use: loginForm)
        open.post("login", use: login)
        open.get("register", use: registerForm)
        open.post("register", use: register)
        open.get("register", "confirm", use: confirmForm)
        open.post("register", "confirm", use: confirm)
        let signedIn = routes.pages.access(.signedIn)
        signedIn.post("logout", use: logout)
        signedIn.post("logout", "everywhere", use: logoutEverywhere)
    }

    struct LoginForm: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    struct LoginView: Encodable {
        let email: String
        let next: String
        let error: String?
    }

    @Sendable func loginForm(req: Request) async throws -> Response {
        let next = Self.safeNext(try? req.query.get(String.self, at: "next"))
        return try await req.page("login", title: "Sign in", LoginView(email: "", next: next, error: nil), forms: true)
    }

    @Sendable func login(req: Request) async throws -> Response {
        let form = try req.input(LoginForm.self)
        let next = Self.safeNext(form.next)
        do {
            let user = try await req.context.authentication.verify(email: form.email ?? "", password: form.password ?? "")
            req.browserSession?.signIn(try user.requireID())
            req.auth.login(user)
            // Signing in from nowhere in particular lands on the dashboard: what to do next.
            return req.redirect(to: next == "/" ? "/dashboard" : next, flash: "You are signed in.")
        } catch let error as AppError {
            // A throttle's refusal is said on the form too, with the way out beside it (a new password).
            let message: String
            switch error {
            case .tooManyRequests(let detail, _), .unavailable(let detail, _): message = detail
            default:
                guard !error.problems.isEmpty else { throw error }
                message = error.inWords
            }
            let view = LoginView(email: String((form.email ?? "").prefix(254)), next: next, error: message)
            let page = try await req.page("login", title: "Sign in", view, status: error.status, forms: true)
            for (name, value) in error.headers { page.headers.replaceOrAdd(name: name, value: value) }
            return page
        }
    }

    @Sendable func logout(req: Request) async throws -> Response {
        req.auth.logout(User.self)
        req.browserSession?.signOut()
        return req.redirect(to: "/")
    }

    @Sendable func logoutEverywhere(req: Request) async throws -> Response {
        try await req.context.credentials.signOutEverywhere()
        req.auth.logout(User.self)
        req.browserSession?.signOut()
        return req.redirect(to: "/login")
    }

    struct RegisterForm: Content {
        var name: String?
        var email: String?
        var password: String?
    }

    struct RegisterView: Encodable {
        let name: String
        let email: String
        let errors: [String: String]
        let minimumPasswordLength: Int
        /// After sending: where the link went.
        let sentTo: String?
    }

    @Sendable func registerForm(req: Request) async throws -> Response {
        let view = RegisterView(
            name: "", email: "", errors: [:], minimumPasswordLength: AccountInput.minimumPasswordLength, sentTo: nil)
        return try await req.page("register", title: "Create an account", view, forms: true)
    }

    /// The same answer whether or not the address has an account; the rest is said by e-mail.
    @Sendable func register(req: Request) async throws -> Response {
        let form = try req.input(RegisterForm.self)
        do {
            try await req.context.accounts.signUp(name: form.name, email: form.email, password: form.password)
            let view = RegisterView(
                name: "", email: "", errors: [:], minimumPasswordLength: AccountInput.minimumPasswordLength,
                sentTo: User.normalise(email: form.email ?? ""))
            return try await req.page("register", title: "Check your e-mail", view, forms: true)
        } catch let error as AppError where !error.problems.isEmpty {
            let view = RegisterView(
                name: String((form.name ?? "").prefix(200)), email: String((form.email ?? "").prefix(254)),
                errors: error.fieldMessages,
                minimumPasswordLength: AccountInput.minimumPasswordLength, sentTo: nil)
            return try await req.page("register", title: "Create an account", view, status: error.status, forms: true)
        }
    }

    struct ConfirmView: Encodable {
        let token: String
    }

    /// The link in the e-mail opens a page with a button: a mail scanner that follows links
    /// does not confirm anything.
    @Sendable func confirmForm(req: Request) async throws -> Response {
        let token = String((req.query[String.self, at: "token"] ?? "").prefix(64))
        return try await req.page("register-confirm", title: "Confirm your account", ConfirmView(token: token), forms: true)
    }

    @Sendable func confirm(req: Request) async throws -> Response {
        struct Form: Content { var token: String? }
        let user = try await req.context.accounts.confirm(token: try req.input(Form.self).token ?? "")
        req.browserSession?.signIn(try user.requireID())
        req.auth.login(user)
        return req.redirect(
            to: "/dashboard", flash: "Welcome, \(user.name): your account is ready. Add your organisation or ask to join it.")
    }

    /// Only paths on this site: never an open redirect (`LocalPath`); anything else is the home page.
    static func safeNext(_ next: String?) -> String { LocalPath.checked(next) ?? "/" }
}
