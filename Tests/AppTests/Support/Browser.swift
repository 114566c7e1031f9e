import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// A tiny browser for tests: keeps cookies between requests and, like a person filling a form,
/// sends back the `_csrf` token of the last page that had one.
final class TestBrowser: @unchecked Sendable {
    let app: Application
    private(set) var cookies: [String: String] = [:]
    /// The form token of the last page that carried one.
    private(set) var csrf: String?

    init(_ app: Application) { self.app = app }

    /// A browser signed in as an account made with `makeUser`.
    static func signedIn(_ app: Application, _ email: String) async throws -> TestBrowser {
        let browser = TestBrowser(app)
        try await browser.post("/login", form: ["email": email, "password": "a-long-password"])
        return browser
    }

    @discardableResult
    func get(_ path: String, accept: String = "text/html") async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.add(name: .accept, value: accept)
        addCookies(&headers)
        let response = try await app.testing().sendRequest(.GET, path, headers: headers)
        keepCookies(response)
        keepFormToken(response)
        return response
    }

    /// Posts a form; `_csrf` is added from the cookie unless `csrf` says otherwise.
    @discardableResult
    func post(
        _ path: String, form: [String: String], csrf forged: String?? = nil, headers extra: HTTPHeaders = [:]
    ) async throws -> TestingHTTPResponse {
        try await fetchFormToken()
        var fields = form
        if let token = forged ?? self.csrf { fields["_csrf"] = token }
        var headers = extra
        headers.add(name: .accept, value: "text/html")
        headers.contentType = .urlEncodedForm
        addCookies(&headers)
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
        let response = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
        keepCookies(response)
        keepFormToken(response)
        // A new session (signing in or out) has a new form token.
        if response.headers.setCookie?.all.isEmpty == false && !response.body.string.contains("name=\"_csrf\"") { csrf = nil }
        return response
    }

    /// Posts a form with files (`multipart/form-data`), as a browser sends an upload.
    @discardableResult
    func post(_ path: String, form: [String: String], files: [String: (filename: String, data: Data)]) async throws
        -> TestingHTTPResponse
    {
        try await fetchFormToken()
        var fields = form
        if let token = csrf { fields["_csrf"] = token }
        let boundary = "----cx-test-\(UUID().uuidString)"
        var body = Data()
        for (name, value) in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        for (name, file) in files {
            body.append(
                Data(
                    ("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(file.filename)\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n").utf8))
            body.append(file.data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        var headers = HTTPHeaders()
        headers.add(name: .accept, value: "text/html")
        headers.add(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        addCookies(&headers)
        let response = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(data: body))
        keepCookies(response)
        keepFormToken(response)
        return response
    }

    /// A page with the session's form token, as a person has one open before sending a form:
    /// the account page when signed in, else the sign-in page.
    private func fetchFormToken() async throws {
        if csrf == nil && cookies["cx_session"] != nil { try await get("/account") }
        if csrf == nil { try await get("/login") }
    }

    private func keepFormToken(_ response: TestingHTTPResponse) {
        let body = response.body.string
        guard let range = body.range(of: "name=\"_csrf\" value=\"") else { return }
        let token = body[range.upperBound...].prefix { $0 != "\"" }
        if !token.isEmpty { csrf = String(token) }
    }

    private func addCookies(_ headers: inout HTTPHeaders) {
        if !cookies.isEmpty {
            headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
    }

    private func keepCookies(_ response: TestingHTTPResponse) {
        for (name, value) in response.headers.setCookie?.all ?? [:] {
            if value.string.isEmpty || value.expires.map({ $0 < Date() }) == true {
                cookies[name] = nil
            } else {
                cookies[name] = value.string
            }
        }
    }
}

/// Creates an account directly in the database.
@discardableResult
func makeUser(
    _ app: Application, _ email: String, role: User.Role = .participant, organisation: String? = nil, partnership: String? = nil
) async throws -> User {
    let input = try AccountInput.validated(
        email: email, password: "a-long-password", role: role.rawValue, name: email.components(separatedBy: "@")[0])
    return try await app.context.accounts.create(input, organisationKey: organisation, partnershipKey: partnership)
}

/// A bearer token for an account made with `makeUser`.
func token(_ app: Application, _ email: String) async throws -> String {
    let response = try await app.testing().sendRequest(
        .POST, "/api/v1/auth/token",
        beforeRequest: { request in
            try request.content.encode(["email": email, "password": "a-long-password"])
        })
    struct Token: Decodable { let token: String }
    return try response.content.decode(Token.self).token
}

/// Delivers what waits in the outbox, as the server's worker would, and returns what was sent:
/// links in messages get their tokens only now.
func deliverMail(_ app: Application) async throws -> [MailMessage] {
    let transport = RecordingTransport()
    try await OutboxDelivery(transport: transport, logger: app.logger, linkBase: app.linkBase).deliverPending(
        on: app.db, limit: 1_000)
    return transport.messages
}
