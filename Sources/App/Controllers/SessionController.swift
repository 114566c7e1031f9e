import Fluent
import Vapor

/// Signing in and out, and creating an account, in the browser.
struct SessionController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.access(.anyone)
        open.get("login", use: loginForm)
        open.post("login", use: login)
        open.get("register", use: registerForm)
        open.post("register", use: register)
        routes.access(.signedIn).post("logout", use: logout)
    }

    struct LoginForm: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    struct LoginPage: Encodable {
        let layout: Layout
        let email: String
        let next: String
        let error: String?
    }

    @Sendable
    func loginForm(req: Request) async throws -> View {
        let next = Self.safeNext(try? req.query.get(String.self, at: "next"))
        return try await req.view.render("login", LoginPage(layout: req.layout("Sign in"), email: "", next: next, error: nil))
    }

    @Sendable
    func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let next = Self.safeNext(form.next)
        do {
            let user = try await Authentication.verify(email: form.email ?? "", password: form.password ?? "", on: req.db, hasher: req.password.async)
            try await Self.rotateSession(req)
            req.auth.login(user)
            return req.redirect(to: next)
        } catch let problem as InputProblem {
            let page = LoginPage(layout: req.layout("Sign in"), email: form.email ?? "", next: next, error: problem.problems.first?.message)
            let response = try await req.view.render("login", page).encodeResponse(for: req)
            response.status = .unauthorized
            return response
        }
    }

    @Sendable
    func logout(req: Request) async throws -> Response {
        req.auth.logout(User.self)
        req.session.destroy()
        return req.redirect(to: "/")
    }

    struct RegisterForm: Content {
        var name: String?
        var email: String?
        var password: String?
    }

    struct RegisterPage: Encodable {
        let layout: Layout
        let name: String
        let email: String
        let errors: [String: String]
        let minimumPasswordLength: Int
    }

    @Sendable
    func registerForm(req: Request) async throws -> View {
        try await req.view.render("register", RegisterPage(layout: req.layout("Create an account"), name: "", email: "", errors: [:], minimumPasswordLength: AccountInput.minimumPasswordLength))
    }

    @Sendable
    func register(req: Request) async throws -> Response {
        let form = try req.content.decode(RegisterForm.self)
        do {
            let input = try AccountInput.validated(email: form.email, password: form.password, role: User.Role.participant.rawValue, name: form.name)
            let user = try await Accounts.create(input, on: req.db, hasher: req.application.password)
            try await Self.rotateSession(req)
            req.auth.login(user)
            return req.redirect(to: "/")
        } catch let problem as InputProblem {
            let errors = Dictionary(problem.problems.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a })
            let page = RegisterPage(layout: req.layout("Create an account"), name: form.name ?? "", email: form.email ?? "", errors: errors, minimumPasswordLength: AccountInput.minimumPasswordLength)
            let response = try await req.view.render("register", page).encodeResponse(for: req)
            response.status = problem.status
            return response
        }
    }

    /// A new session id at sign-in: an id planted before cannot ride on the signed-in session.
    static func rotateSession(_ req: Request) async throws {
        guard let old = req.session.id else { return }
        try await req.application.sessions.driver.deleteSession(old, for: req).get()
        req.session.id = nil
    }

    /// Only paths on this site: never an open redirect.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }
}
