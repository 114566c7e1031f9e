import Vapor

/// Double-submit protection for forms: every page visitor gets a random `cx_csrf` cookie; every
/// form carries the same value in `_csrf`; a state-changing form request whose two values differ
/// is refused. The cookie is SameSite=Lax, so another site can neither read nor send it.
struct CSRFMiddleware: AsyncMiddleware {
    static let cookieName = "cx_csrf"
    static let fieldName = "_csrf"
    static let maximumFormBytes = 6 * 1024 * 1024
    let secureCookies: Bool

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let existing = request.cookies[Self.cookieName]?.string
        let token = existing.flatMap { $0.count == 43 ? $0 : nil } ?? Self.newToken()
        request.storage[CSRFTokenKey.self] = token
        if ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            // Middleware runs before a route collects its body: read the form here (up to the
            // largest form, a registration with its CV) to find the token.
            if request.body.data == nil {
                _ = try await request.body.collect(max: Self.maximumFormBytes).get()
            }
            struct Form: Decodable { let _csrf: String? }
            let sent = (try? request.content.decode(Form.self))?._csrf ?? request.headers.first(name: "X-CSRF-Token")
            guard let sent, let existing, sent == existing else {
                throw Abort(.forbidden, reason: "This form has expired or was not sent from this site; reload the page and try again.", identifier: "csrf")
            }
        }
        let response = try await next.respond(to: request)
        if existing != token {
            response.cookies[Self.cookieName] = HTTPCookies.Value(
                string: token, maxAge: nil, path: "/", isSecure: secureCookies, isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }

    static func newToken() -> String {
        Data([UInt8].random(count: 32)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

struct CSRFTokenKey: StorageKey {
    typealias Value = String
}

extension Request {
    /// The token forms must send back in `_csrf`.
    var csrfToken: String { storage[CSRFTokenKey.self] ?? "" }
}
