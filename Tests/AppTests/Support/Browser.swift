import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// A tiny browser for tests: keeps cookies between requests and fills `_csrf` in forms.
final class TestBrowser: @unchecked Sendable {
    let app: Application
    private(set) var cookies: [String: String] = [:]

    init(_ app: Application) { self.app = app }

    var csrf: String? { cookies[CSRFMiddleware.cookieName] }

    @discardableResult
    func get(_ path: String, accept: String = "text/html") async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.add(name: .accept, value: accept)
        addCookies(&headers)
        let response = try await app.testing().sendRequest(.GET, path, headers: headers)
        keepCookies(response)
        return response
    }

    /// Posts a form; `_csrf` is added from the cookie unless `csrf` says otherwise.
    @discardableResult
    func post(_ path: String, form: [String: String], csrf: String?? = nil) async throws -> TestingHTTPResponse {
        if self.csrf == nil { try await get("/login") }
        var fields = form
        if let token = csrf ?? self.csrf { fields["_csrf"] = token }
        var headers = HTTPHeaders()
        headers.add(name: .accept, value: "text/html")
        headers.contentType = .urlEncodedForm
        addCookies(&headers)
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        let response = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
        keepCookies(response)
        return response
    }

    private func addCookies(_ headers: inout HTTPHeaders) {
        if !cookies.isEmpty {
            headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
    }

    private func keepCookies(_ response: TestingHTTPResponse) {
        for (name, value) in response.headers.setCookie?.all ?? [:] {
            if value.string.isEmpty || value.expires.map({ $0 < Date() }) == true { cookies[name] = nil } else { cookies[name] = value.string }
        }
    }
}

/// Creates an account directly in the database.
@discardableResult
func makeUser(_ app: Application, _ email: String, role: User.Role = .participant, organisation: String? = nil, partnership: String? = nil) async throws -> User {
    let input = try AccountInput.validated(email: email, password: "a-long-password", role: role.rawValue, name: email.components(separatedBy: "@")[0])
    return try await Accounts.create(input, organisationKey: organisation, partnershipKey: partnership, on: app.db, hasher: app.password)
}

/// A bearer token for an account made with `makeUser`.
func token(_ app: Application, _ email: String) async throws -> String {
    let response = try await app.testing().sendRequest(.POST, "/api/v1/auth/token", beforeRequest: { request in
        try request.content.encode(["email": email, "password": "a-long-password"])
    })
    struct Token: Decodable { let token: String }
    return try response.content.decode(Token.self).token
}
