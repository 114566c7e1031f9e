import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Suggestions over the API, the pages and the command, and the index kept in step with the
/// database across instances.
@Suite struct SuggestionTests {
    /// A photonics SME in Jena asks for laser know-how; hosts in Vienna and Lyon could help, one
    /// in Munich is in the same country and must never be suggested.
    static let scene = Fixture.text("suggestion-scene.jsonl")

    struct SuggestionList: Decodable {
        struct Item: Decodable {
            let offer: String
            let host: String
            let request: String
            let visitor: String
            let score: Double
            let reasons: [String]
            let lumpSumCents: Int?
        }

        let request: String?
        let offer: String?
        let suggestions: [Item]
    }

    struct FitList: Decodable {
        struct Pair: Decodable {
            struct Obstacle: Decodable { let id: String }
            let offer: String
            let suggestible: Bool
            let obstacles: [Obstacle]
        }

        let pairs: [Pair]
    }

    func get(_ app: Application, _ path: String, token: String?) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.add(name: .accept, value: "application/json")
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        return try await app.testing().sendRequest(.GET, path, headers: headers)
    }

    @Test func aVisitorSeesRankedExplainedHostsThatKeepTheRules() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(Self.scene, into: app.db)
            try await makeUser(app, "member@v1.example", organisation: "V1")
            let response = try await get(app, "/api/v1/requests/R1/suggestions", token: try await token(app, "member@v1.example"))
            #expect(response.status == .ok)
            let list = try response.content.decode(SuggestionList.self)
            #expect(list.request == "R1")
            #expect(list.suggestions.map(\.offer) == ["F-AT", "F-FR"])
            let best = try #require(list.suggestions.first)
            #expect(best.host == "H-AT" && best.visitor == "V1")
            #expect(best.reasons.contains("shares topics photonics and laser processing"))
            #expect(best.reasons.contains("same sector C26"))
            #expect(best.lumpSumCents == 110_000)
            #expect(list.suggestions.allSatisfy { (0...1).contains($0.score) })
        }
    }

    @Test func hostsSeeVisitorsForTheirOffer() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(Self.scene, into: app.db)
            try await makeUser(app, "host@at.example", organisation: "H-AT")
            let response = try await get(
                app, "/api/v1/offers/F-AT/suggestions?limit=5", token: try await token(app, "host@at.example"))
            #expect(response.status == .ok)
            let list = try response.content.decode(SuggestionList.self)
            #expect(list.offer == "F-AT")
            #expect(list.suggestions.map(\.request) == ["R1"])
        }
    }

    @Test func whyNotNamesTheRuleForANamedHost() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(Self.scene, into: app.db)
            try await makeUser(app, "member@v1.example", organisation: "V1")
            let token = try await token(app, "member@v1.example")
            let response = try await get(app, "/api/v1/requests/R1/fit?host=H-DE", token: token)
            #expect(response.status == .ok)
            let fit = try response.content.decode(FitList.self)
            #expect(fit.pairs.map(\.offer) == ["F-DE"])
            #expect(fit.pairs.first?.suggestible == false)
            #expect(fit.pairs.first?.obstacles.map(\.id) == ["same-country"])

            let missing = try await get(app, "/api/v1/requests/R1/fit", token: token)
            #expect(missing.status == .badRequest)
            #expect(missing.body.string.contains("\"field\":\"host\""))
            let unknown = try await get(app, "/api/v1/requests/R1/fit?host=NOPE", token: token)
            #expect(unknown.status == .badRequest)
            // A part of a name answers for the one organisation it names, or asks which one.
            let munich = try await get(app, "/api/v1/requests/R1/fit?host=munich", token: token)
            #expect(try munich.content.decode(FitList.self).pairs.map(\.offer) == ["F-DE"])
            let centres = try await get(app, "/api/v1/requests/R1/fit?host=Centre", token: token)
            #expect(centres.status == .badRequest)
            #expect(centres.body.string.contains("ambiguous-organisation"))
            #expect(centres.body.string.contains("Lyon Optics Centre") && centres.body.string.contains("Munich Laser Centre"))
        }
    }

    @Test func onlyThoseWhoManageTheRequestSeeItsSuggestions() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(Self.scene, into: app.db)
            try await makeUser(app, "outsider@fr.example", organisation: "H-FR")
            try await makeUser(app, "admin@example.eu", role: .admin)
            #expect(try await get(app, "/api/v1/requests/R1/suggestions", token: nil).status == .unauthorized)
            #expect(
                try await get(app, "/api/v1/requests/R1/suggestions", token: try await token(app, "outsider@fr.example")).status
                    == .notFound)
            let admin = try await token(app, "admin@example.eu")
            #expect(try await get(app, "/api/v1/requests/R1/suggestions", token: admin).status == .ok)
            #expect(try await get(app, "/api/v1/requests/NOPE/suggestions", token: admin).status == .notFound)
            let badLimit = try await get(app, "/api/v1/requests/R1/suggestions?limit=0", token: admin)
            #expect(badLimit.status == .badRequest)
            #expect(badLimit.body.string.contains("\"field\":\"limit\""))
        }
    }

    @Test func anInstanceReadsItsOwnWritesAndOthersFollowTheChangeLog() async throws {
        try await withInstances(2) { apps in
            let (writer, reader) = (apps[0], apps[1])
            _ = try await ImportCommand.importText(Self.scene, into: writer.db)
            try await makeUser(writer, "member@v1.example", organisation: "V1")
            try await makeUser(writer, "host@at.example", organisation: "H-AT")
            let member = try await token(writer, "member@v1.example")
            // Both instances build their index.
            for app in apps {
                let list = try await get(app, "/api/v1/requests/R1/suggestions", token: member).content.decode(
                    SuggestionList.self)
                #expect(list.suggestions.first?.offer == "F-AT")
            }
            // The host withdraws its offer through the first instance.
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: try await token(writer, "host@at.example"))
            #expect(try await writer.testing().sendRequest(.DELETE, "/api/v1/offers/F-AT", headers: headers).status == .noContent)
            let own = try await get(writer, "/api/v1/requests/R1/suggestions", token: member).content.decode(SuggestionList.self)
            #expect(own.suggestions.map(\.offer) == ["F-FR"])
            // The second instance learns of it from the change log (its background follower runs
            // this every second when serving).
            try await reader.matching.catchUp(on: reader.db)
            let other = try await get(reader, "/api/v1/requests/R1/suggestions", token: member).content.decode(
                SuggestionList.self)
            #expect(other.suggestions.map(\.offer) == ["F-FR"])
            #expect(try await MatchingChange.query(on: reader.db).filter(\.$key == "F-AT").count() == 2)
        }
    }

    @Test func theSuggestionsPageShowsReasonsAndWhyNot() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(Self.scene, into: app.db)
            try await makeUser(app, "member@v1.example", organisation: "V1")
            let browser = TestBrowser(app)
            try await browser.post("/login", form: ["email": "member@v1.example", "password": "a-long-password"])
            let request = try await browser.get("/requests/R1")
            #expect(request.body.string.contains("/requests/R1/suggestions"))
            let page = try await browser.get("/requests/R1/suggestions?host=H-DE")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Laser processing labs open week"))
            #expect(page.body.string.contains("same sector C26"))
            #expect(page.body.string.contains("an exchange must cross a border"))
            // The organisations of the list are offered to choose from; a part of a name that fits
            // several asks which one, on the page.
            let list = try await browser.get("/requests/R1/suggestions").body.string
            #expect(list.contains(#"<datalist id="why-not-names"><option value="Vienna Photonics Hub">"#))
            let several = try await browser.get("/requests/R1/suggestions?host=Centre").body.string
            #expect(several.contains("organisations have &quot;Centre&quot; in their name: Lyon Optics Centre"))
            let anonymous = try await TestBrowser(app).get("/requests/R1/suggestions")
            #expect(anonymous.status == .seeOther)
        }
    }

    @Test func theSuggestCommandPrintsTheInterfacesJSON() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cx-suggest-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("scene.jsonl")
        try Self.scene.write(to: file, atomically: true, encoding: .utf8)
        let environment = ["DATABASE_PATH": directory.appendingPathComponent("cx.sqlite").path]
        #expect(try Executable.run(["import", file.path], in: directory, environment: environment).status == 0)

        let result = try Executable.run(
            ["suggest", "--request", "R1", "--limit", "1", "--json"], in: directory, environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        let lines = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]]
        let first = try #require(lines?.first)
        #expect(lines?.count == 1)
        #expect(first["offer"] as? String == "F-AT" && first["host"] as? String == "H-AT")
        #expect(first["request"] as? String == "R1" && first["visitor"] as? String == "V1")
        #expect((first["score"] as? Double).map { (0...1).contains($0) } == true)
        #expect((first["reasons"] as? [String])?.isEmpty == false)

        let unknown = try Executable.run(["suggest", "--request", "NOPE", "--json"], in: directory, environment: environment)
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("there is no request with key NOPE"))
        #expect(unknown.standardError.split(separator: "\n").count == 1)
    }
}
