import Vapor

/// Forms must carry their session's token in `_csrf` (or the `X-CSRF-Token` header). It runs
/// after the route's access check and reads the body only up to the route's own limit, so no
/// one can make the server read a large body it would refuse anyway. The API has no browser
/// session (bearer tokens, no cookies) and is not concerned.
struct CSRFGuard: AsyncMiddleware {
    static let fieldName = "_csrf"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let session = request.browserSession, ![.GET, .HEAD, .OPTIONS].contains(request.method) else {
            return try await next.respond(to: request)
        }
        if request.body.data == nil {
            let limit = request.route?.bodyLimit ?? request.application.routes.defaultMaxBodySize.value
            _ = try await request.body.collect(max: limit).get()
        }
        struct Form: Decodable { let _csrf: String? }
        let sent = request.headers.first(name: "X-CSRF-Token") ?? (try? request.content.decode(Form.self))?._csrf
        guard let sent, let expected = session.expectedCSRF, !expected.isEmpty, SecretToken.equal(sent, expected) else {
            throw AppError.forbidden("This form has expired or was not sent from this site: reload the page and send it again.")
        }
        return try await next.respond(to: request)
    }
}

extension Route {
    /// The largest body this route takes, when it differs from the application's default.
    var bodyLimit: Int? {
        get { userInfo[AnySendableHashable(BodyLimitKey())] as? Int }
        set { userInfo[AnySendableHashable(BodyLimitKey())] = newValue }
    }
}

extension RoutesBuilder {
    /// A route that takes a larger body than the default (an upload), with its own limit, which
    /// the form check honours too.
    @discardableResult
    func upload<Response: AsyncResponseEncodable>(
        _ method: HTTPMethod, _ path: PathComponent..., limit: ByteCount,
        use closure: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        let route = on(method, path, body: .collect(maxSize: limit), use: closure)
        route.bodyLimit = limit.value
        return route
    }
}
