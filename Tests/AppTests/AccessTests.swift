import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Walks every route as anonymous, a participant of another organisation, the coordinator of
/// another partnership and the admin. A new route fails here until it is added to `policies`.
@Suite struct AccessTests {
    /// Who may call each route. Changing a line here is a security decision.
    static let policies: [String: Access] = [
        "GET /healthz": .anyone,
        "GET /readyz": .anyone,
        "GET /metrics": .anyone,
        "GET /": .anyone,
        "GET /join": .anyone,
        "GET /login": .anyone,
        "POST /login": .anyone,
        "GET /register": .anyone,
        "POST /register": .anyone,
        "POST /logout": .signedIn,
        "GET /catalogue": .anyone,
        "GET /partnerships": .anyone,
        "GET /partnerships/:key": .anyone,
        "GET /organisations/:key": .anyone,
        "GET /offers/:key": .anyone,
        "GET /offers/:key/suggestions": .signedIn,
        "GET /requests/:key/suggestions": .signedIn,
        "GET /api/v1/offers/:key/suggestions": .signedIn,
        "GET /api/v1/requests/:key/suggestions": .signedIn,
        "GET /api/v1/offers/:key/fit": .signedIn,
        "GET /api/v1/requests/:key/fit": .signedIn,
        "GET /rounds": .coordinatorOrAdmin,
        "POST /rounds": .coordinatorOrAdmin,
        "GET /rounds/:id": .coordinatorOrAdmin,
        "POST /rounds/:id/send": .coordinatorOrAdmin,
        "GET /rounds/:id/send": .coordinatorOrAdmin,
        "POST /rounds/:id/drop": .coordinatorOrAdmin,
        "GET /api/v1/rounds": .coordinatorOrAdmin,
        "POST /api/v1/rounds": .coordinatorOrAdmin,
        "GET /api/v1/rounds/:id": .coordinatorOrAdmin,
        "POST /api/v1/rounds/:id/send": .coordinatorOrAdmin,
        "GET /requests/:key": .anyone,
        "POST /api/v1/auth/token": .anyone,
        "GET /api/v1/me": .signedIn,
        "GET /api/v1/partnerships": .anyone,
        "GET /api/v1/partnerships/:key": .anyone,
        "GET /api/v1/organisations": .anyone,
        "GET /api/v1/organisations/:key": .anyone,
        "GET /api/v1/offers": .anyone,
        "GET /api/v1/offers/:key": .anyone,
        "GET /api/v1/requests": .anyone,
        "GET /api/v1/requests/:key": .anyone,
        "GET /openapi.json": .anyone,
        "GET /my": .signedIn,
        "GET /dashboard": .signedIn,
        "GET /offers/:key/edit": .signedIn,
        "POST /offers/:key/edit": .signedIn,
        "GET /requests/:key/edit": .signedIn,
        "POST /requests/:key/edit": .signedIn,
        "GET /offers/:key/withdraw": .signedIn,
        "POST /offers/:key/withdraw": .signedIn,
        "GET /requests/:key/withdraw": .signedIn,
        "POST /requests/:key/withdraw": .signedIn,
        "GET /organisations/:key/offers/new": .signedIn,
        "POST /organisations/:key/offers": .signedIn,
        "GET /organisations/:key/requests/new": .signedIn,
        "POST /organisations/:key/requests": .signedIn,
        "POST /api/v1/organisations/:key/offers": .signedIn,
        "PUT /api/v1/offers/:key": .signedIn,
        "DELETE /api/v1/offers/:key": .signedIn,
        "POST /api/v1/organisations/:key/requests": .signedIn,
        "PUT /api/v1/requests/:key": .signedIn,
        "DELETE /api/v1/requests/:key": .signedIn,
        "GET /organisations/:key/edit": .signedIn,
        "POST /organisations/:key/edit": .signedIn,
        "PUT /api/v1/organisations/:key": .signedIn,
        "POST /organisations/:key/join": .signedIn,
        "POST /organisations/:key/members/:userID/approve": .signedIn,
        "POST /api/v1/organisations/:key/join": .signedIn,
        "GET /api/v1/organisations/:key/members": .signedIn,
        "POST /api/v1/organisations/:key/members/:userID/approve": .signedIn,
        "GET /password/forgot": .anyone,
        "POST /password/forgot": .anyone,
        "GET /password/reset": .anyone,
        "POST /password/reset": .anyone,
        "POST /api/v1/auth/password-reset": .anyone,
        "POST /api/v1/auth/password-reset/confirm": .anyone,
        "GET /organisations/new": .signedIn,
        "POST /organisations": .signedIn,
        "GET /organisations/:key/registration": .signedIn,
        "POST /organisations/:key/registration": .signedIn,
        "GET /validation": .coordinatorOrAdmin,
        "GET /support/people": .admin,
        "POST /support/people/:id/role": .admin,
        "GET /support/settings": .admin,
        "GET /support/mail": .admin,
        "GET /support/mail/:id": .admin,
        "POST /support/mail/:id/again": .admin,
        "POST /support/settings": .admin,
        "POST /registrations/:id/decision": .coordinatorOrAdmin,
        "GET /registrations/:id/cv": .signedIn,
        "POST /api/v1/organisations": .signedIn,
        "GET /api/v1/organisations/:key/partnership-suggestions": .signedIn,
        "POST /api/v1/organisations/:key/registration": .signedIn,
        "GET /api/v1/registrations/:id": .signedIn,
        "PUT /api/v1/registrations/:id/cv": .signedIn,
        "GET /api/v1/registrations/:id/cv": .signedIn,
        "GET /api/v1/validation-queue": .coordinatorOrAdmin,
        "POST /api/v1/registrations/:id/decision": .coordinatorOrAdmin,
        "GET /register/confirm": .anyone,
        "POST /register/confirm": .anyone,
        "POST /logout/everywhere": .signedIn,
        "GET /account": .signedIn,
        "POST /account/tokens/:id/revoke": .signedIn,
        "POST /account/sessions/:id/revoke": .signedIn,
        "GET /api/v1/auth/tokens": .signedIn,
        "DELETE /api/v1/auth/token": .signedIn,
        "DELETE /api/v1/auth/tokens/:id": .signedIn,
        "GET /api/v1/auth/sessions": .signedIn,
        "POST /api/v1/auth/sign-out-everywhere": .signedIn,
        "POST /api/v1/exchanges": .signedIn,
        "GET /api/v1/exchanges": .signedIn,
        "GET /api/v1/exchanges/:id": .signedIn,
        "PUT /api/v1/exchanges/:id/commitment": .signedIn,
        "PUT /api/v1/exchanges/:id/report": .signedIn,
        "POST /api/v1/exchanges/:id/actions/:action": .signedIn,
        "POST /api/v1/exchanges/:id/evidence": .signedIn,
        "GET /api/v1/exchanges/:id/evidence/:file": .signedIn,
        "DELETE /api/v1/exchanges/:id/evidence/:file": .signedIn,
        "GET /api/v1/partnerships/:key/budget": .anyone,
        "GET /exchanges": .signedIn,
        "GET /exchanges/new": .signedIn,
        "POST /exchanges": .signedIn,
        "GET /exchanges/:id": .signedIn,
        "POST /exchanges/:id/actions/:action": .signedIn,
        "GET /exchanges/:id/commitment": .signedIn,
        "POST /exchanges/:id/commitment": .signedIn,
        "GET /exchanges/:id/print": .signedIn,
        "POST /exchanges/:id/report": .signedIn,
        "GET /exchanges/:id/evidence/:file": .signedIn,
        "POST /exchanges/:id/evidence/:file/remove": .signedIn,
        "GET /partnerships/:key/budget": .signedIn,
        "GET /api/v1/messages": .signedIn,
        "POST /api/v1/messages": .signedIn,
        "GET /api/v1/messages/:id": .signedIn,
        "POST /api/v1/messages/:id": .signedIn,
        "GET /messages": .signedIn,
        "GET /messages/new": .signedIn,
        "POST /messages": .signedIn,
        "GET /messages/:id": .signedIn,
        "POST /messages/:id": .signedIn,
        "GET /api/v1/notifications": .signedIn,
        "POST /api/v1/notifications/read": .signedIn,
        "GET /notifications": .signedIn,
        "POST /notifications/read": .signedIn,
        "GET /calendar/:file": .anyone,
        "POST /account/calendar": .signedIn,
        "POST /account/calendar/revoke": .signedIn,
        "POST /account/name": .signedIn,
        "POST /account/password": .signedIn,
        "POST /account/email": .signedIn,
        "GET /account/email/confirm": .anyone,
        "POST /account/email/confirm": .anyone,
        "POST /exchanges/:id/evaluation": .signedIn,
        "PUT /api/v1/exchanges/:id/evaluation": .signedIn,
        "POST /api/v1/auth/calendar-link": .signedIn,
        "GET /news": .anyone,
        "GET /news/new": .signedIn,
        "POST /news": .signedIn,
        "GET /news/:id": .anyone,
        "POST /news/:id/report": .signedIn,
        "POST /news/:id/publish": .coordinatorOrAdmin,
        "POST /news/:id/reject": .coordinatorOrAdmin,
        "GET /api/v1/news": .anyone,
        "GET /api/v1/news/:id": .anyone,
        "POST /api/v1/news": .signedIn,
        "POST /api/v1/news/:id/report": .signedIn,
        "POST /api/v1/news/:id/publish": .coordinatorOrAdmin,
        "POST /api/v1/news/:id/reject": .coordinatorOrAdmin,
        "GET /events": .anyone,
        "GET /events/new": .signedIn,
        "POST /events": .signedIn,
        "GET /events/:id": .anyone,
        "POST /events/:id/report": .signedIn,
        "POST /events/:id/publish": .coordinatorOrAdmin,
        "POST /events/:id/reject": .coordinatorOrAdmin,
        "POST /events/:id/registration": .signedIn,
        "POST /events/:id/registration/cancel": .signedIn,
        "POST /events/:id/meetings": .signedIn,
        "POST /events/:id/meetings/:meeting/accept": .signedIn,
        "POST /events/:id/meetings/:meeting/decline": .signedIn,
        "POST /events/:id/meetings/:meeting/cancel": .signedIn,
        "GET /api/v1/events/:id/registration": .anyone,
        "POST /api/v1/events/:id/registration": .signedIn,
        "DELETE /api/v1/events/:id/registration": .signedIn,
        "GET /api/v1/events/:id/attendees": .signedIn,
        "GET /api/v1/events/:id/meetings": .signedIn,
        "POST /api/v1/events/:id/meetings": .signedIn,
        "POST /api/v1/events/:id/meetings/:meeting/accept": .signedIn,
        "POST /api/v1/events/:id/meetings/:meeting/decline": .signedIn,
        "POST /api/v1/events/:id/meetings/:meeting/cancel": .signedIn,
        "GET /organisations/:key/logo": .anyone,
        "POST /organisations/:key/logo": .signedIn,
        "POST /organisations/:key/logo/remove": .signedIn,
        "GET /photos/:id": .signedIn,
        "POST /account/photo": .signedIn,
        "POST /account/photo/remove": .signedIn,
        "PUT /api/v1/organisations/:key/logo": .signedIn,
        "DELETE /api/v1/organisations/:key/logo": .signedIn,
        "PUT /api/v1/me/photo": .signedIn,
        "GET /api/v1/me/data": .signedIn,
        "DELETE /api/v1/me": .signedIn,
        "GET /account/data": .signedIn,
        "POST /account/erase": .signedIn,
        "POST /support/people/:id/erase": .admin,
        "DELETE /api/v1/me/photo": .signedIn,
        "GET /api/v1/events": .anyone,
        "GET /api/v1/events/:id": .anyone,
        "POST /api/v1/events": .signedIn,
        "POST /api/v1/events/:id/report": .signedIn,
        "POST /api/v1/events/:id/publish": .coordinatorOrAdmin,
        "POST /api/v1/events/:id/reject": .coordinatorOrAdmin,
        "GET /news.atom": .anyone,
        "GET /statistics": .anyone,
        "GET /catalogue.csv": .coordinatorOrAdmin,
        "GET /support/import": .admin,
        "POST /support/import": .admin,
        "POST /support/import/apply": .admin,
        "POST /follows": .signedIn,
        "POST /offers/:key/interest": .signedIn,
        "POST /requests/:key/interest": .signedIn,
        "GET /exchanges/:id/outcome": .signedIn,
        "POST /exchanges/:id/outcome": .signedIn,
        "POST /follows/:id/delete": .signedIn,
        "GET /following": .signedIn,
        "POST /following/digest": .signedIn,
        "GET /unsubscribe/:token": .anyone,
        "POST /unsubscribe/:token": .anyone,
        "GET /statistics/:file": .anyone,
        "GET /api/v1/statistics": .anyone,
        "GET /api/v1/partnerships/:key/statistics": .signedIn,
        "GET /api/v1/follows": .signedIn,
        "POST /api/v1/follows": .signedIn,
        "DELETE /api/v1/follows/:id": .signedIn,
        "PUT /api/v1/digest": .signedIn,
        "POST /api/v1/offers/:key/interest": .signedIn,
        "POST /api/v1/requests/:key/interest": .signedIn,
        "GET /api/v1/exchanges/:id/outcome": .signedIn,
        "PUT /api/v1/exchanges/:id/outcome": .signedIn,
        "GET /partnerships/:key/statistics": .signedIn,
        "GET /partnerships/:key/statistics/:file": .signedIn,
        "GET /events.ics": .anyone,
        "GET /moderation": .coordinatorOrAdmin,
        "GET /api/v1/moderation": .coordinatorOrAdmin,
        "POST /moderation/trusted/:key": .admin,
        "GET /api/v1/programme-settings": .admin,
        "PUT /api/v1/programme-settings": .admin,
    ]

    enum Persona: String, CaseIterable {
        case anonymous, participant, coordinator, admin

        var user: (email: String, role: User.Role, organisation: String?, partnership: String?)? {
            switch self {
            case .anonymous: nil
            case .participant: ("participant@example.eu", .participant, "O0", nil)
            case .coordinator: ("coordinator@example.eu", .coordinator, nil, "P2")
            case .admin: ("admin@example.eu", .admin, nil, nil)
            }
        }
    }

    /// A real value for each path parameter.
    static func samplePath(_ route: Route) -> String {
        let parts = route.path.map { component -> String in
            guard case .parameter = component else { return component.description }
            let collection = route.path.map(\.description)
            if case .parameter("id") = component { return "00000000-0000-0000-0000-000000000000" }
            if case .parameter("userID") = component { return "00000000-0000-0000-0000-000000000000" }
            if collection.contains("organisations") { return "O0" }
            if collection.contains("offers") { return "F1" }
            if collection.contains("requests") { return "R1" }
            return "P1"
        }
        return "/" + parts.joined(separator: "/")
    }

    @Test func everyRouteDeclaresTheExpectedPolicy() async throws {
        try await withApp { app in
            var seen: Set<String> = []
            for route in app.routes.all {
                let name = "\(route.method.rawValue) /\(route.path.map(\.description).joined(separator: "/"))"
                seen.insert(name)
                let declared = try #require(route.access, "\(name) declares no access policy")
                #expect(
                    Self.policies[name] == declared,
                    "\(name) is \(declared), the table says \(Self.policies[name].map(\.description) ?? "nothing")")
            }
            #expect(Set(Self.policies.keys).subtracting(seen).isEmpty, "the table names routes that do not exist")
        }
    }

    @Test func everyPersonaGetsTheRightAnswerOnEveryRoute() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(
                ImportTests.valid + "\n"
                    + #"{"type":"partnership","key":"P2","name":"Other","budgetCents":0,"targetExchanges":1}"#, into: app.db)
            var browsers: [Persona: TestBrowser] = [:]
            var tokens: [Persona: String] = [:]
            for persona in Persona.allCases {
                let browser = TestBrowser(app)
                if let user = persona.user {
                    try await makeUser(
                        app, user.email, role: user.role, organisation: user.organisation, partnership: user.partnership)
                    let signedIn = try await browser.post("/login", form: ["email": user.email, "password": "a-long-password"])
                    #expect(signedIn.status == .seeOther)
                    tokens[persona] = try await token(app, user.email)
                } else {
                    try await browser.get("/login")
                }
                browsers[persona] = browser
            }

            // Routes that end the persona's sessions or token go last, so the others are still called signed in.
            let ending = ["POST /logout/everywhere", "POST /api/v1/auth/sign-out-everywhere", "DELETE /api/v1/auth/token"]
            func name(_ route: Route) -> String {
                "\(route.method.rawValue) /\(route.path.map(\.description).joined(separator: "/"))"
            }
            let ordered = app.routes.all.sorted {
                (ending.firstIndex(of: name($0)) ?? -1) < (ending.firstIndex(of: name($1)) ?? -1)
            }
            for route in ordered {
                let name = name(route)
                let access = try #require(route.access)
                let path = Self.samplePath(route)
                let isAPI = path.hasPrefix("/api/")
                for persona in Persona.allCases {
                    let status: HTTPStatus
                    var body = ""
                    if isAPI {
                        var headers = HTTPHeaders()
                        if let token = tokens[persona] { headers.bearerAuthorization = BearerAuthorization(token: token) }
                        headers.contentType = .json
                        let response = try await app.testing().sendRequest(
                            route.method, path, headers: headers, body: ByteBuffer(string: "{}"))
                        status = response.status
                        body = response.body.string
                    } else if route.method == .GET {
                        let response = try await #require(browsers[persona]).get(path)
                        // Pages send people without an account to the login form.
                        let toLogin =
                            response.status == .seeOther && (response.headers.first(name: .location) ?? "").hasPrefix("/login")
                        status = toLogin ? .unauthorized : response.status
                        body = toLogin ? "Sign in first" : response.body.string
                    } else {
                        // A fresh browser per call: POST /logout must not end the persona's session.
                        let browser = TestBrowser(app)
                        if let user = persona.user {
                            _ = try await browser.post("/login", form: ["email": user.email, "password": "a-long-password"])
                        }
                        let response = try await browser.post(path, form: [:])
                        status = response.status
                        body = response.body.string
                    }
                    let user = persona.user.map { User(email: $0.email, passwordHash: "", name: "", role: $0.role) }
                    // Readiness is 503 until the matching index is built (tests build it on first use).
                    #expect(
                        status.code < 500 || (name == "GET /readyz" && status == .serviceUnavailable),
                        "\(name) as \(persona): \(status)")
                    let denied = body.contains("Sign in first") || body.contains("may not do this")
                    if access.allows(user?.role) {
                        // A wrong password on a sign-in route is a 401 too; only the guard's refusals count here.
                        #expect(!denied, "\(name) as \(persona): \(status)")
                    } else {
                        #expect(
                            denied && status == (persona == .anonymous ? .unauthorized : .forbidden),
                            "\(name) as \(persona): \(status)")
                    }
                }
            }
        }
    }
}
