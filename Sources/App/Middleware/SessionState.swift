import Foundation
import NIOConcurrencyHelpers
import Vapor

/// One request's view of its browser session: loaded by `SessionMiddleware`, changed by
/// handlers (sign in, sign out, a form token, a notice), written back once after the answer.
final class SessionState: Sendable {
    struct Values: Sendable {
        /// The row this request arrived with.
        var stored: BrowserSession.Snapshot?
        var userID: UUID?
        var csrf: String?
        /// The notice stored for this request to show, read once.
        var flashToShow: String?
        /// A notice to store for the next page.
        var flashToStore: String?
        var rotate = false
        var destroy = false
        var dirty = false
        /// The form token of a visitor without a session, from its own cookie (`SessionMiddleware.formCookieName`).
        var formCookie: String?
        /// A new such token, to set in that cookie with the answer.
        var newFormCookie: String?
    }

    private let values: NIOLockedValueBox<Values>

    init(stored: BrowserSession.Snapshot?, formCookie: String? = nil) {
        values = NIOLockedValueBox(
            Values(
                stored: stored, userID: stored?.userID, csrf: stored?.csrf, flashToShow: stored?.flash,
                formCookie: stored == nil ? formCookie : nil))
    }

    var snapshot: Values { values.withLockedValue { $0 } }

    /// The session's form token, made when the page first needs one. Someone without a session
    /// gets it in a cookie of its own rather than a session row: reading a form page writes
    /// nothing to the database (every anonymous visit would otherwise leave a row).
    var csrfToken: String {
        values.withLockedValue { values in
            if let token = values.csrf { return token }
            if values.stored == nil && values.userID == nil {
                let token = values.formCookie ?? SecretToken.generate()
                if values.formCookie == nil { values.newFormCookie = token }
                values.csrf = token
                return token
            }
            let token = SecretToken.generate()
            values.csrf = token
            values.dirty = true
            return token
        }
    }

    /// The token the session (or, without one, the form cookie) had when the request arrived
    /// (nil: none), for checking forms.
    var expectedCSRF: String? { values.withLockedValue { $0.stored?.csrf ?? $0.formCookie } }

    /// Signs `userID` in with a new session id and a new form token: an id planted before the
    /// sign-in cannot ride on the signed-in session.
    func signIn(_ userID: UUID) {
        values.withLockedValue { values in
            values.userID = userID
            values.rotate = true
            values.destroy = false
            values.csrf = SecretToken.generate()
            values.dirty = true
        }
    }

    func signOut() {
        values.withLockedValue { values in
            values.destroy = true
            values.userID = nil
        }
    }

    /// Shows `message` once on the next page.
    func flash(_ message: String) {
        values.withLockedValue { values in
            values.flashToStore = String(message.prefix(500))
            values.dirty = true
        }
    }

    /// The notice waiting for this page, taken once.
    func takeFlash() -> String? {
        values.withLockedValue { values in
            guard let message = values.flashToShow else { return nil }
            values.flashToShow = nil
            values.dirty = true
            return message
        }
    }
}

extension Request {
    /// The browser session of a page request; nil on the API, which has no cookies.
    var browserSession: SessionState? { storage[SessionStateKey.self] }

    /// Shows `message` once on the next page (after a redirect).
    func flash(_ message: String) { browserSession?.flash(message) }
}

extension BrowserSession {
    /// What a request needs of its session row, copied out of the Fluent model.
    struct Snapshot: Sendable {
        let id: UUID
        let userID: UUID?
        let csrf: String
        let flash: String?
        let lastSeenAt: Date
        let expiresAt: Date
    }
}
