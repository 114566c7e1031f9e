import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App
@testable import ProgrammeRules

/// Two partnerships, two visitors, two hosts and one person in each role of an exchange
/// (`Fixtures/exchange-scene.jsonl`), with the platform's date under the test's control.
struct ExchangeScene {
    let app: Application
    let visitor: APIClient
    let host: APIClient
    let visitorPartnership: APIClient
    let hostPartnership: APIClient
    let admin: APIClient
    /// A member of V2: signed in, no part in V1's exchanges.
    let outsider: APIClient

    /// The exchange as the API answers it (the fields the tests read).
    struct View: Decodable {
        struct LumpSum: Decodable {
            let amountCents: Int
            let frozen: Bool
            let reasons: [String]
        }

        struct Entry: Decodable {
            let action: String
            let from: String
            let to: String
            let by: String
        }

        let id: UUID
        let phase: String
        let signatures: [String]
        let financialSignatures: [String]
        let actions: [String]
        let lumpSum: LumpSum
        let history: [Entry]
        let commitmentVersion: Int
    }

    struct Budget: Decodable, Equatable {
        let budgetCents: Int
        let reservedCents: Int
        let paidCents: Int
        let availableCents: Int
    }

    static func make(_ app: Application, today: String = "2027-01-11") async throws -> ExchangeScene {
        _ = try await ImportCommand.importText(Fixture.text("exchange-scene.jsonl"), into: app.db)
        setToday(app, today)
        return ExchangeScene(
            app: app,
            visitor: try await .signedIn(app, "visitor@v1.example", organisation: "V1"),
            host: try await .signedIn(app, "host@h1.example", organisation: "H1"),
            visitorPartnership: try await .signedIn(app, "coordinator@pv.example", role: .coordinator, partnership: "PV"),
            hostPartnership: try await .signedIn(app, "coordinator@ph.example", role: .coordinator, partnership: "PH"),
            admin: try await .signedIn(app, "admin@example.eu", role: .admin),
            outsider: try await .signedIn(app, "member@v2.example", organisation: "V2"))
    }

    /// Moves the platform's date (`CLUSTERXCHANGE_TODAY` in production).
    static func setToday(_ app: Application, _ date: String) {
        app.settings.clock = PlatformClock(fixedToday: CalendarDate(iso: date))
    }

    func setToday(_ date: String) { Self.setToday(app, date) }

    /// The visitor proposes RV1 at FH1 for a week in March 2027.
    func propose(request: String = "RV1", offer: String = "FH1", by client: APIClient? = nil) async throws -> View {
        let response = try await (client ?? visitor).send(
            .POST, "/api/v1/exchanges",
            json: [
                "request": request, "offer": offer, "start": "2027-03-01", "end": "2027-03-05",
                "goals": "Learn to cut with lasers.",
            ])
        #expect(response.status == .created, "\(response.body.string)")
        return try response.content.decode(View.self)
    }

    @discardableResult
    func act(_ client: APIClient, _ id: UUID, _ action: String, json: [String: Any]? = nil, expect status: HTTPStatus = .ok)
        async throws -> TestingHTTPResponse
    {
        let response = try await client.send(.POST, "/api/v1/exchanges/\(id)/actions/\(action)", json: json)
        #expect(response.status == status, "\(action): \(response.body.string)")
        return response
    }

    func view(_ id: UUID, as client: APIClient? = nil) async throws -> View {
        try await (client ?? admin).send(.GET, "/api/v1/exchanges/\(id)").content.decode(View.self)
    }

    /// An exchange funded and under way, its stay from 2027-03-01 to 2027-03-05 (today its first day).
    func underWay() async throws -> UUID {
        let id = try await propose().id
        try await signed(id)
        try await act(visitorPartnership, id, "approve-funding")
        setToday("2027-03-01")
        try await act(visitor, id, "start")
        return id
    }

    /// Sends a file of evidence as `client` (the bytes as the body, `X-Filename` naming it).
    func upload(_ client: APIClient, _ id: UUID, _ bytes: ByteBuffer, name: String = "boarding-pass.pdf") async throws
        -> TestingHTTPResponse
    {
        var headers = HTTPHeaders()
        if let token = client.token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        headers.contentType = .pdf
        headers.add(name: "X-Filename", value: name)
        return try await app.testing().sendRequest(.POST, "/api/v1/exchanges/\(id)/evidence", headers: headers, body: bytes)
    }

    /// H1's event "Laser open day" on 1 April 2027, published by its partnership's coordinator.
    func publishedEvent() async throws -> UUID {
        let created = try await host.send(
            .POST, "/api/v1/events",
            json: [
                "organisation": "H1", "title": "Laser open day", "description": "Demonstrations.", "start": "2027-04-01T10:00",
                "end": "2027-04-01T16:00", "timeZone": "Europe/Berlin", "place": "Munich, DE",
            ])
        let id = try created.content.decode(PublicationReceipt.self).id
        try await hostPartnership.send(.POST, "/api/v1/events/\(id)/publish")
        return id
    }

    /// The visitor writes goals and agenda (nobody signs an empty commitment); the stay stays as proposed.
    func writeCommitment(_ id: UUID, by client: APIClient? = nil) async throws {
        let written = try await (client ?? visitor).send(
            .PUT, "/api/v1/exchanges/\(id)/commitment",
            json: [
                "goals": "Learn to cut with lasers.", "agenda": "Day 1: the lab. Day 2 to 5: on the line.",
                "start": "2027-03-01", "end": "2027-03-05",
            ])
        #expect(written.status == .ok, "\(written.body.string)")
    }

    /// A proposal accepted, its commitment written and signed by the host only: the first signature.
    func signedByHost() async throws -> UUID {
        let id = try await propose().id
        try await act(host, id, "accept")
        try await writeCommitment(id)
        try await act(host, id, "sign-as-host")
        return id
    }

    /// The visitor partnership's balances, checked against the ledger's identity.
    func budget(_ partnership: String = "PV") async throws -> Budget {
        let budget = try await admin.send(.GET, "/api/v1/partnerships/\(partnership)/budget").content.decode(Budget.self)
        #expect(budget.budgetCents == budget.reservedCents + budget.paidCents + budget.availableCents)
        return budget
    }

    /// Accepted, its commitment written, then signed by the four parties and the financial agreement by the two.
    func signed(_ id: UUID) async throws {
        try await act(host, id, "accept")
        try await writeCommitment(id)
        for (client, action) in [
            (host, "sign-as-host"), (visitor, "sign-as-visitor"), (hostPartnership, "sign-as-host-partnership"),
            (visitorPartnership, "sign-as-visitor-partnership"), (visitor, "sign-financial-agreement-as-visitor"),
            (visitorPartnership, "sign-financial-agreement-as-visitor-partnership"),
        ] {
            try await act(client, id, action)
        }
    }
}
