import Fluent
import Vapor

/// Browser sessions kept in the database (`BrowserSession`): reads the cookie's session with its
/// account in one query, enforces the idle and absolute timeouts, signs the person in, and writes
/// back what the request changed. The cookie is `__Host-` prefixed under https.
struct SessionMiddleware: AsyncMiddleware {
    /// A signed-in session ends after this long without a request.
    static let idleTimeout: TimeInterval = 12 * 3600
    /// A session without an account (a form token, a notice) ends sooner.
    static let anonymousIdleTimeout: TimeInterval = 2 * 3600
    /// Every session ends this long after it began, however busy.
    static let lifetime: TimeInterval = 7 * 24 * 3600
    /// The last-seen time is written at most this often, not on every request.
    static let touchInterval: TimeInterval = 60

    let secure: Bool

    var cookieName: String { Self.cookieName(secure: secure) }

    static func cookieName(secure: Bool) -> String { secure ? "__Host-cx_session" : "cx_session" }

    static func isAlive(lastSeen: Date, expires: Date, signedIn: Bool, now: Date) -> Bool {
        expires > now && now.timeIntervalSince(lastSeen) < (signedIn ? idleTimeout : anonymousIdleTimeout)
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let now = Date()
        var stored: BrowserSession.Snapshot?
        var expireCookie = false
        if let token = request.cookies[cookieName]?.string {
            expireCookie = true
            if SecretToken.isWellFormed(token),
                let row = try await BrowserSession.query(on: request.database)
                    .join(User.self, on: \BrowserSession.$user.$id == \User.$id, method: .left)
                    .filter(\.$tokenDigest == SecretToken.digest(token)).first(),
                let id = row.id
            {
                let user = row.$user.id == nil ? nil : try? row.joined(User.self)
                if Self.isAlive(lastSeen: row.lastSeenAt, expires: row.expiresAt, signedIn: user != nil, now: now) {
                    stored = BrowserSession.Snapshot(
                        id: id, userID: user?.id, csrf: row.csrfToken, flash: row.flash, lastSeenAt: row.lastSeenAt,
                        expiresAt: row.expiresAt)
                    if let user {
                        request.auth.login(user)
                        request.storage[CredentialKey.self] = .session(id)
                    }
                    expireCookie = false
                } else {
                    try await BrowserSession.query(on: request.database).filter(\.$id == id).delete()
                }
            }
        }
        let state = SessionState(stored: stored)
        request.storage[SessionStateKey.self] = state
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            try? await persist(state, request: request, response: nil, now: now)
            throw error
        }
        if expireCookie && stored == nil { response.cookies[cookieName] = expiredCookie }
        try await persist(state, request: request, response: response, now: now)
        return response
    }

    private func persist(_ state: SessionState, request: Request, response: Response?, now: Date) async throws {
        let values = state.snapshot
        let db = request.database
        if values.destroy || values.rotate, let stored = values.stored {
            try await BrowserSession.query(on: db).filter(\.$id == stored.id).delete()
        }
        if values.destroy {
            response?.cookies[cookieName] = expiredCookie
            return
        }
        if let stored = values.stored, !values.rotate {
            let flash = values.flashToStore ?? values.flashToShow
            let touch = now.timeIntervalSince(stored.lastSeenAt) >= Self.touchInterval
            guard touch || flash != stored.flash else { return }
            try await BrowserSession.query(on: db).filter(\.$id == stored.id)
                .set(\.$lastSeenAt, to: touch ? now : stored.lastSeenAt).set(\.$flash, to: flash).update()
            return
        }
        guard values.dirty || values.rotate, values.userID != nil || values.csrf != nil || values.flashToStore != nil else {
            return
        }
        let token = SecretToken.generate()
        let row = BrowserSession(
            tokenDigest: SecretToken.digest(token), userID: values.userID, csrfToken: values.csrf ?? SecretToken.generate(),
            userAgent: request.headers.first(name: .userAgent), now: now, lifetime: Self.lifetime)
        row.flash = values.flashToStore
        try await row.create(on: db)
        response?.cookies[cookieName] = HTTPCookies.Value(
            string: token, expires: row.expiresAt, maxAge: Int(Self.lifetime), domain: nil, path: "/", isSecure: secure,
            isHTTPOnly: true, sameSite: .lax)
    }

    private var expiredCookie: HTTPCookies.Value {
        HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, domain: nil, path: "/", isSecure: secure,
            isHTTPOnly: true,
            sameSite: .lax)
    }
}
