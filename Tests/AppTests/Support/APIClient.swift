import Foundation
import NIOCore
import Vapor
import VaporTesting

@testable import App

/// An API caller with a bearer token (or none), for tests.
struct APIClient {
    let app: Application
    let token: String?
    var headers: HTTPHeaders = [:]

    static func signedIn(
        _ app: Application, _ email: String, role: User.Role = .participant, organisation: String? = nil,
        partnership: String? = nil
    ) async throws -> APIClient {
        try await makeUser(app, email, role: role, organisation: organisation, partnership: partnership)
        return APIClient(app: app, token: try await App_token(app, email))
    }

    @discardableResult
    func send(_ method: HTTPMethod, _ path: String, json: [String: Any]? = nil, raw: String? = nil) async throws
        -> TestingHTTPResponse
    {
        var headers = self.headers
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        if headers.contentType == nil { headers.contentType = .json }
        let body =
            try json.map { ByteBuffer(data: try JSONSerialization.data(withJSONObject: $0)) }
            ?? raw.map { ByteBuffer(string: $0) }
        return try await app.testing().sendRequest(method, path, headers: headers, body: body)
    }
}

/// `token(_:_:)` under a name a struct member can call without shadowing.
func App_token(_ app: Application, _ email: String) async throws -> String { try await token(app, email) }
