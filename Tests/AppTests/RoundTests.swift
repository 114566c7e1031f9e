import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Matching rounds: run within the budget, seen and sent by the partnership's coordinators.
@Suite struct RoundTests {
    /// The suggestion scene plus a second visitor and a budget of one lump sum (EUR 1,100): the
    /// round can fund only one of the two visitors.
    static let scene =
        SuggestionTests.scene.replacingOccurrences(of: #""budgetCents":12000000"#, with: #""budgetCents":110000"#) + "\n"
        + Fixture.text("round-extra.jsonl")

    struct Round: Decodable {
        struct Proposal: Decodable {
            let request: String
            let visitor: String
            let offer: String
            let score: Double
            let costCents: Int
            let reasons: [String]
        }

        struct Budget: Decodable {
            let partnership: String
            let budgetCents: Int
            let usedCents: Int
        }

        let id: UUID
        let partnership: String?
        let objective: Double
        let bound: Double
        let gap: Double
        let proposals: [Proposal]
        let budgets: [Budget]
        let sentAt: Date?
    }

    func send(_ app: Application, _ method: HTTPMethod, _ path: String, token: String, body: String = "{}") async throws
        -> TestingHTTPResponse
    {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token)
        headers.contentType = .json
        headers.add(name: .accept, value: "application/json")
        return try await app.testing().sendRequest(method, path, headers: headers, body: ByteBuffer(string: body))
    }

    @Test func aRoundFundsTheBestPairsTheBudgetAllows() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(Self.scene, into: app.db)
            try await makeUser(app, "coordinator@p1.example", role: .coordinator, partnership: "P1")
            let token = try await token(app, "coordinator@p1.example")
            let response = try await send(app, .POST, "/api/v1/rounds", token: token, body: #"{"partnership":"P1"}"#)
            #expect(response.status == .created)
            let round = try response.content.decode(Round.self)
            #expect(round.partnership == "P1")
            // Both visitors suit the Vienna and Lyon offers, but one lump sum exhausts the budget.
            #expect(round.proposals.count == 1)
            let budget = try #require(round.budgets.first { $0.partnership == "P1" })
            #expect(budget.usedCents <= budget.budgetCents)
            #expect(budget.usedCents == round.proposals.map(\.costCents).reduce(0, +))
            #expect(round.bound >= round.objective - 1e-9)
            #expect(abs(round.objective - round.proposals.map(\.score).reduce(0, +)) < 1e-3)
            #expect(round.proposals.allSatisfy { !$0.reasons.isEmpty })

            let again = try await send(app, .GET, "/api/v1/rounds/\(round.id)", token: token)
            #expect(try again.content.decode(Round.self).proposals.map(\.offer) == round.proposals.map(\.offer))
            let list = try await send(app, .GET, "/api/v1/rounds", token: token)
            #expect(list.body.string.contains(round.id.uuidString))
        }
    }

    @Test func onlyThePartnershipsCoordinatorsAndTheSupportOfficeRunAndSeeRounds() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(Self.scene, into: app.db)
            try await makeUser(app, "coordinator@p1.example", role: .coordinator, partnership: "P1")
            try await makeUser(app, "coordinator@p2.example", role: .coordinator, partnership: "P2")
            try await makeUser(app, "admin@example.eu", role: .admin)
            let other = try await token(app, "coordinator@p2.example")
            #expect(
                try await send(app, .POST, "/api/v1/rounds", token: other, body: #"{"partnership":"P1"}"#).status == .forbidden)
            let everything = try await send(app, .POST, "/api/v1/rounds", token: other, body: "{}")
            #expect(everything.status == .unprocessableEntity)
            #expect(everything.body.string.contains("\"field\":\"partnership\""))
            let unknown = try await send(app, .POST, "/api/v1/rounds", token: other, body: #"{"partnership":"NOPE"}"#)
            #expect(unknown.status == .unprocessableEntity)

            let own = try await send(
                app, .POST, "/api/v1/rounds", token: try await token(app, "coordinator@p1.example"),
                body: #"{"partnership":"P1"}"#)
            let round = try own.content.decode(Round.self)
            #expect(try await send(app, .GET, "/api/v1/rounds/\(round.id)", token: other).status == .notFound)
            #expect(try await send(app, .GET, "/api/v1/rounds/not-a-round", token: other).status == .notFound)
            #expect(!(try await send(app, .GET, "/api/v1/rounds", token: other).body.string.contains(round.id.uuidString)))

            let all = try await send(app, .POST, "/api/v1/rounds", token: try await token(app, "admin@example.eu"), body: "{}")
            #expect(all.status == .created)
            #expect(try all.content.decode(Round.self).partnership == nil)
        }
    }

    @Test func sendingTheProposalsMakesExchangeProposalsAndTellsBothOrganisationsOnce() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(Self.scene, into: app.db)
            try await makeUser(app, "coordinator@p1.example", role: .coordinator, partnership: "P1")
            try await makeUser(app, "member@v1.example", organisation: "V1")
            try await makeUser(app, "member@cl.example", organisation: "CL")
            try await makeUser(app, "host@at.example", organisation: "H-AT")
            try await makeUser(app, "host@fr.example", organisation: "H-FR")
            let token = try await token(app, "coordinator@p1.example")
            let round = try await send(app, .POST, "/api/v1/rounds", token: token, body: #"{"partnership":"P1"}"#).content.decode(
                Round.self)
            let proposal = try #require(round.proposals.first)
            let sent = try await send(app, .POST, "/api/v1/rounds/\(round.id)/send", token: token)
            #expect(sent.status == .ok)
            #expect(try sent.content.decode(Round.self).sentAt != nil)
            let exchanges = try await Exchange.query(on: app.db).all()
            #expect(exchanges.count == round.proposals.count)
            #expect(exchanges.allSatisfy { $0.phase == .proposed && $0.origin == .round })
            #expect(Set(exchanges.map(\.requestKey)) == Set(round.proposals.map(\.request)))
            let messages = try await OutboxMessage.query(on: app.db).filter(\.$subject ~~ "Exchange proposed").all()
            let visitorEmail = proposal.visitor == "V1" ? "member@v1.example" : "member@cl.example"
            let hostEmail = proposal.offer == "F-AT" ? "host@at.example" : "host@fr.example"
            #expect(Set(messages.map(\.recipient)).isSuperset(of: [visitorEmail, hostEmail]))
            #expect(messages.filter { $0.recipient == visitorEmail }.count == 1)
            #expect(try await send(app, .POST, "/api/v1/rounds/\(round.id)/send", token: token).status == .conflict)
            #expect(try await Exchange.query(on: app.db).count() == exchanges.count, "sending twice makes nothing twice")
        }
    }

    @Test func thePagesRunAndShowARound() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(Self.scene, into: app.db)
            try await makeUser(app, "coordinator@p1.example", role: .coordinator, partnership: "P1")
            let browser = TestBrowser(app)
            try await browser.post("/login", form: ["email": "coordinator@p1.example", "password": "a-long-password"])
            let list = try await browser.get("/rounds")
            #expect(list.status == .ok)
            #expect(list.body.string.contains("Photonics Partnership"))
            let run = try await browser.post("/rounds", form: ["partnership": "P1"])
            #expect(run.status == .seeOther)
            let location = try #require(run.headers.first(name: .location))
            let page = try await browser.get(location)
            #expect(page.status == .ok)
            let text = page.body.string
            // In a coordinator's words: what it proposes, spends and leaves, and how close to the best it is.
            #expect(text.contains("The round proposes 1 exchange for 2 visitors with open requests."))
            #expect(text.contains("They would spend EUR 1,100.00 of the EUR 1,100.00 available, leaving EUR 0.00."))
            #expect(text.contains("No other choice of pairs within the budgets fits"))
            #expect(text.contains("1 visitor gets no proposal"))
            #expect(!text.contains("Proven bound") && !text.contains("Gap") && !text.contains("Total fit"))
            #expect(text.contains("lump sum EUR"))
            let pairs = text.components(separatedBy: "Drop this pair").count - 1
            #expect(pairs >= 1)

            // Sending asks first, and says what it will do.
            let ask = try await browser.get(location + "/send")
            #expect(ask.status == .ok)
            #expect(ask.body.string.contains("Send the round?"))
            #expect(ask.body.string.contains("e-mails the"))
            #expect(try await Exchange.query(on: app.db).count() == 0)

            // A pair is dropped before sending.
            func field(_ name: String, in html: String) -> String? {
                html.range(of: "name=\"\(name)\" value=\"").map { String(html[$0.upperBound...].prefix { $0 != "\"" }) }
            }
            let request = try #require(field("request", in: text))
            let offer = try #require(field("offer", in: text))
            let dropped = try await browser.post(location + "/drop", form: ["request": request, "offer": offer])
            #expect(dropped.status == .seeOther)
            let after = try await browser.get(location).body.string
            #expect(after.contains("is dropped from the round"))
            #expect(after.components(separatedBy: "Drop this pair").count - 1 == pairs - 1)

            let refused = try await browser.post("/rounds", form: ["partnership": ""])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("support office"))
        }
    }

    @Test func theOptimiseCommandSolvesTheInterfacesFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cx-optimise-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let instance = directory.appendingPathComponent("round.json")
        let solution = directory.appendingPathComponent("solution.json")
        try Fixture.text("round-instance.json").write(to: instance, atomically: true, encoding: .utf8)
        let result = try Executable.run(["optimise", "--instance", instance.path, "--solution", solution.path], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let written = try JSONSerialization.jsonObject(with: Data(contentsOf: solution)) as? [String: Any]
        let assignments = written?["assignments"] as? [[String: String]]
        // V1-H1 and V2-H2 would score 1.4 but cost 1,880 > 1,500; V1-H1 alone is best within the budget.
        #expect(assignments == [["visitor": "V1", "host": "H1"]])
        #expect((written?["objective"] as? Double).map { abs($0 - 0.9) < 1e-9 } == true)
        #expect((written?["bound"] as? Double).map { $0 >= 0.9 - 1e-9 } == true)

        try Fixture.text("round-instance-unknown-host.json").write(to: instance, atomically: true, encoding: .utf8)
        let bad = try Executable.run(["optimise", "--instance", instance.path, "--solution", solution.path], in: directory)
        #expect(bad.status == 1)
        #expect(bad.standardError.contains("candidates[0].host"))
        #expect(bad.standardError.split(separator: "\n").count == 1)
    }
}
