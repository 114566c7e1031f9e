import Vapor

/// Headers every answer carries: a Content-Security-Policy that allows only this site's own
/// scripts, styles and images and no framing, no MIME sniffing, no full referrer to other sites,
/// HSTS under https, and `Cache-Control: no-store` on anything personal (signed-in pages, the
/// API's answers to a signed-in caller, files, anything that sets a cookie).
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"

    let hsts: Bool

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers = response.headers
        if !headers.contains(name: "Content-Security-Policy") {
            response.headers.replaceOrAdd(name: "Content-Security-Policy", value: Self.contentSecurityPolicy)
        }
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        if hsts { response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains") }
        let personal =
            request.auth.has(User.self) || headers.contains(name: .setCookie)
            || headers.contentDisposition?.value == .attachment || request.url.path.hasPrefix("/password")
            || request.url.path.hasPrefix("/register") || request.url.path.hasPrefix("/login")
        if personal {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        } else if !headers.contains(name: .cacheControl), request.method == .GET, !request.url.path.hasPrefix("/css/") {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        }
        return response
    }
}
