import Vapor

/// Refuses callers the policy does not allow: 401 when nobody is signed in (pages redirect to the
/// sign-in form and come back), 403 when the account lacks the role.
struct AccessGuard: AsyncMiddleware {
    let access: Access

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let role = request.auth.get(User.self)?.role
        guard access.allows(role) else {
            if role == nil {
                if request.browserSession != nil && request.method == .GET {
                    let next = request.url.path + (request.url.query.map { "?\($0)" } ?? "")
                    return request.redirect(
                        to: "/login?next=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")")
                }
                throw AppError.unauthenticated
            }
            throw AppError.forbidden("Your account may not do this: it is for \(access.audience).")
        }
        return try await next.respond(to: request)
    }
}
