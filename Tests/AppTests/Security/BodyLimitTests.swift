import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Bodies are refused by their own route's limit, before anything reads them and only after the
/// access check; text is measured in UTF-8 bytes and every free-text field is bounded.
@Suite struct BodyLimitTests {
    /// Through a real HTTP server on loopback: only there does a body arrive in pieces, as the
    /// limit must be applied to it.
    func rawPost(_ app: Application, _ path: String, bytes: Int, cookies: String? = nil) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        headers.add(name: .accept, value: "text/html")
        if let cookies { headers.add(name: .cookie, value: cookies) }
        return try await app.testing(method: .running(port: 0)).sendRequest(
            .POST, path, headers: headers, body: ByteBuffer(string: "a=" + String(repeating: "x", count: bytes)))
    }

    @Test func aStrangerCannotMakeAPageReadALargeBody() async throws {
        try await withApp { app in
            // Anonymous: refused by the access check, whatever the body.
            let anonymous = try await rawPost(app, "/organisations", bytes: 3_000_000)
            #expect(anonymous.status == .unauthorized)
            // Signed in, on a form that is not an upload: the default limit, not the CV's 6 MB.
            try await makeUser(app, "sam@example.eu")
            let browser = TestBrowser(app)
            try await browser.post("/login", form: ["email": "sam@example.eu", "password": "a-long-password"])
            let cookies = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            let large = try await rawPost(app, "/organisations", bytes: 1_000_000, cookies: cookies)
            #expect(large.status == .payloadTooLarge)
            // The API too.
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: try await token(app, "sam@example.eu"))
            headers.contentType = .json
            let json = try await app.testing(method: .running(port: 0)).sendRequest(
                .POST, "/api/v1/organisations", headers: headers,
                body: ByteBuffer(string: "{\"name\":\"" + String(repeating: "x", count: 200_000) + "\"}"))
            #expect(json.status == .payloadTooLarge)
        }
    }

    @Test func textIsMeasuredInBytes() async throws {
        try await withApp { app in
            let anna = try await APIClient.signedIn(app, "anna@example.eu")
            // One character carrying 2,000 combining marks: one "character", over 4,000 bytes.
            let zalgo = "A" + String(repeating: "\u{0301}", count: 2_000)
            #expect(zalgo.count == 1)
            var input = RegistrationTests.austrianLab
            input["name"] = zalgo
            let response = try await anna.send(.POST, "/api/v1/organisations", json: input)
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("\"field\":\"name\""))
            #expect(try await Organisation.query(on: app.db).count() == 0)
        }
    }

    @Test func aDecisionsReasonIsBounded() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(ImportTests.valid, into: app.db)
            let anna = try await APIClient.signedIn(app, "anna@example.eu")
            let coordinator = try await APIClient.signedIn(app, "coord@example.eu", role: .coordinator, partnership: "P1")
            let key = try await anna.send(.POST, "/api/v1/organisations", json: RegistrationTests.austrianLab).content.decode(
                OrganisationDTO.self
            ).key
            let registration = try await anna.send(
                .POST, "/api/v1/organisations/\(key)/registration",
                json: [
                    "asHost": true, "motivation": "We want to show our machines to visitors.", "partnership": "P1",
                ]
            ).content.decode(RegistrationDTO.self)
            let long = try await coordinator.send(
                .POST, "/api/v1/registrations/\(registration.id)/decision",
                json: [
                    "decision": "reject", "reason": String(repeating: "no ", count: 5_000),
                ])
            #expect(long.status == .unprocessableEntity)
            #expect(long.body.string.contains("\"field\":\"reason\""))
            #expect(
                try await coordinator.send(.GET, "/api/v1/registrations/\(registration.id)").content.decode(RegistrationDTO.self)
                    .status == .submitted)
        }
    }

    @Test func aNulInTextNeverReachesTheDatabase() async throws {
        try await withApp { app in
            let anna = try await APIClient.signedIn(app, "anna@example.eu")
            var input = RegistrationTests.austrianLab
            input["name"] = "Graz\u{0}Lab"
            input["description"] = "line\u{0} one"
            let response = try await anna.send(.POST, "/api/v1/organisations", json: input)
            #expect(response.status == .created)
            #expect(try response.content.decode(OrganisationDTO.self).name == "GrazLab")
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/offers/a%00b").status == .badRequest)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/offers?q=%00").status == .badRequest)
        }
    }
}
