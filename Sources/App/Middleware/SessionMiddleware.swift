import Fluent
import FluentPostgresDriver
import SQLKit
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

    /// The form token of someone without a session: compared with the form's own (a double
    /// submit), it lives only in the browser until there is something to keep.
    static func formCookieName(secure: Bool) -> String { secure ? "__Host-cx_form" : "cx_form" }

    static func isAlive(lastSeen: Date, expires: Date, signedIn: Bool, now: Date) -> Bool {
        expires > now && now.timeIntervalSince(lastSeen) < (signedIn ? idleTimeout : anonymousIdleTimeout)
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let now = Date()
        var stored: BrowserSession.Snapshot?
        var expireCookie = false
        if let token = request.cookies[cookieName]?.string {
            expireCookie = true
            if SecretToken.isWellFormed(token), let row = try await Self.lookUp(token, on: request.database) {
                let user = row.user
                if Self.isAlive(lastSeen: row.session.lastSeenAt, expires: row.session.expiresAt, signedIn: user != nil, now: now)
                {
                    stored = row.session
                    if let user, let id = user.id {
                        request.auth.login(user)
                        request.storage[CredentialKey.self] = .session(row.session.id)
                        request.memo.keep(row.bell, for: id)
                        request.memo.keep(stamp: row.stamp)
                    }
                    expireCookie = false
                } else {
                    try await BrowserSession.query(on: request.database).filter(\.$id == row.session.id).delete()
                }
            }
        }
        let formCookie = request.cookies[Self.formCookieName(secure: secure)].flatMap { cookie in
            SecretToken.isWellFormed(cookie.string) ? cookie.string : nil
        }
        let state = SessionState(stored: stored, formCookie: formCookie)
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

    /// The cookie's session with its account, the account's bell and the data stamp (decision 0030),
    /// in one query of plain SQL, prepared once per connection on PostgreSQL (`PreparedQuery`):
    /// every request of a signed-in person asks it, and building the two models by reflection cost
    /// more than reading.
    static func lookUp(
        _ token: String, on db: any Database
    ) async throws -> (session: BrowserSession.Snapshot, user: User?, bell: Bell.Counts, stamp: Int)? {
        guard let row = try await Lookup(digest: SecretToken.digest(token)).first(on: db) else { return nil }
        var user: User?
        if let id = row.user_id, let email = row.email, let name = row.name, let role = row.role {
            // Only what a caller is made of; no page reads the password hash from the session.
            let account = User()
            account.id = id
            account.email = email
            account.name = name
            account.role = role
            user = account
        }
        let session = BrowserSession.Snapshot(
            id: row.id, userID: user?.id, csrf: row.csrf_token, flash: row.flash, lastSeenAt: row.last_seen_at,
            expiresAt: row.expires_at)
        return (session, user, Bell.Counts(notifications: row.notifications, messages: row.messages), row.data_stamp)
    }

    struct Lookup: PreparedQuery {
        struct Output: Decodable, Sendable {
            let id: UUID
            let user_id: UUID?
            let csrf_token: String
            let flash: String?
            let last_seen_at: Date
            let expires_at: Date
            let email: String?
            let name: String?
            let role: User.Role?
            let notifications: Int
            let messages: Int
            let data_stamp: Int
        }

        static let sql = """
            SELECT s.id, s.user_id, s.csrf_token, s.flash, s.last_seen_at, s.expires_at, u.email, u.name, u.role,
            \(Bell.columns(user: "s.user_id")), \(DataStamp.column) AS data_stamp
            FROM \(BrowserSession.schema) s LEFT JOIN \(User.schema) u ON u.id = s.user_id
            WHERE s.token_digest = $1
            """
        let digest: String
        var values: [any PostgresEncodable & Encodable & Sendable] { [digest] }
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
        guard values.dirty || values.rotate, values.userID != nil || values.flashToStore != nil else {
            if let token = values.newFormCookie, let response {
                response.cookies[Self.formCookieName(secure: secure)] = HTTPCookies.Value(
                    string: token, maxAge: Int(Self.anonymousIdleTimeout), domain: nil, path: "/", isSecure: secure,
                    isHTTPOnly: true, sameSite: .lax)
            }
            return
        }
        let token = SecretToken.generate()
        let row = BrowserSession(
            // A visitor's first row keeps the form cookie's token, so a form open in another tab still works.
            tokenDigest: SecretToken.digest(token), userID: values.userID,
            csrfToken: values.csrf ?? values.formCookie ?? SecretToken.generate(),
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
