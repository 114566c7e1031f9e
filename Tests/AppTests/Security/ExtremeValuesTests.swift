import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// No input may stop the process. Every numeric query parameter and body field of every API
/// operation (read from the OpenAPI document, which a test keeps equal to the routes) and every
/// numeric field of the pages' forms gets 0, -1, Int.max, Int.min, 1e30, NaN, an overlong number
/// and a huge string, as the support office (who may call everything); each answer must be a 4xx
/// (or a 2xx where the value is in range) and the server must answer its health check after. A trap
/// (overflow, bad range, bad index) would end this test process.
@Suite struct ExtremeValuesTests {
    static let numbers = [
        "0", "-1", "9223372036854775807", "-9223372036854775808", "1e30", "NaN", "99999999999999999999999", "1.5", "-0",
    ]
    // (0 is below every page, size and limit the API takes, so it too must be refused.)
    static let hugeString = String(repeating: "9", count: 70_000)
    /// JSON literals for body fields.
    static let jsonNumbers = [
        "0", "-1", "9223372036854775807", "-9223372036854775808", "1e30", "1e308", "-1e308", "\"NaN\"",
        "99999999999999999999999", "0.5", "\"\(String(repeating: "9", count: 5_000))\"",
    ]

    /// The operations of the document with their numeric query parameters and body fields.
    struct Operation {
        let method: HTTPMethod
        let path: String
        var numericQuery: [String] = []
        var stringQuery: [String] = []
        var numericBody: [String] = []
    }

    static func operations() throws -> [Operation] {
        let url = Executable.packageRoot.appendingPathComponent("Resources/OpenAPI/openapi.json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let schemas = ((document["components"] as? [String: Any])?["schemas"] as? [String: Any]) ?? [:]
        func resolve(_ schema: Any?) -> [String: Any] {
            guard var schema = schema as? [String: Any] else { return [:] }
            if let ref = schema["$ref"] as? String, let name = ref.split(separator: "/").last {
                schema = (schemas[String(name)] as? [String: Any]) ?? [:]
            }
            return schema
        }
        func isNumeric(_ schema: [String: Any]) -> Bool {
            let type = schema["type"]
            if let type = type as? String { return type == "integer" || type == "number" }
            if let types = type as? [String] { return types.contains("integer") || types.contains("number") }
            return false
        }
        var found: [Operation] = []
        for (path, item) in (document["paths"] as? [String: Any]) ?? [:] {
            for (method, value) in (item as? [String: Any]) ?? [:] {
                guard let operation = value as? [String: Any], ["get", "post", "put", "delete"].contains(method) else { continue }
                var op = Operation(method: HTTPMethod(rawValue: method.uppercased()), path: path)
                for parameter in (operation["parameters"] as? [[String: Any]]) ?? [] where parameter["in"] as? String == "query" {
                    let name = parameter["name"] as? String ?? ""
                    if isNumeric(resolve(parameter["schema"])) {
                        op.numericQuery.append(name)
                    } else {
                        op.stringQuery.append(name)
                    }
                }
                let body = resolve(
                    (((operation["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"]
                        as? [String: Any])?["schema"])
                for (name, property) in (body["properties"] as? [String: Any]) ?? [:] where isNumeric(resolve(property)) {
                    op.numericBody.append(name)
                }
                found.append(op)
            }
        }
        return found.sorted { ($0.path, $0.method.rawValue) < ($1.path, $1.method.rawValue) }
    }

    /// A real key or id for each path parameter of the fixture.
    static func concrete(_ path: String) -> String {
        path.replacingOccurrences(of: "{id}", with: "00000000-0000-0000-0000-000000000000")
            .replacingOccurrences(of: "{userID}", with: "00000000-0000-0000-0000-000000000000")
            .replacingOccurrences(of: "/partnerships/{key}", with: "/partnerships/P1")
            .replacingOccurrences(of: "/organisations/{key}", with: "/organisations/O1")
            .replacingOccurrences(of: "/offers/{key}", with: "/offers/F1")
            .replacingOccurrences(of: "/requests/{key}", with: "/requests/R1")
    }

    func expectAlive(_ app: Application, after what: String) async throws {
        let health = try await app.testing().sendRequest(.GET, "/healthz")
        #expect(health.status == .ok, "the server did not answer after \(what)")
    }

    @Test func everyNumericFieldOfTheAPITakesExtremeValues() async throws {
        let operations = try Self.operations()
        #expect(operations.contains { !$0.numericQuery.isEmpty } && operations.contains { !$0.numericBody.isEmpty })
        try await withApp { app in
            _ = try await ImportCommand.importText(ImportTests.valid, into: app.db)
            let admin = try await APIClient.signedIn(app, "admin@example.eu", role: .admin)
            var calls = 0
            for operation in operations {
                let path = Self.concrete(operation.path)
                for name in operation.numericQuery {
                    // None of these is a page, a size or a limit the API takes.
                    for value in Self.numbers + [Self.hugeString] {
                        let response = try await admin.send(operation.method, path + "?\(name)=\(value)")
                        calls += 1
                        #expect(
                            (400..<500).contains(response.status.code),
                            "\(operation.method) \(path)?\(name)=\(value.prefix(30)): \(response.status)")
                    }
                }
                for name in operation.stringQuery {
                    let response = try await admin.send(operation.method, path + "?\(name)=\(Self.hugeString)")
                    calls += 1
                    #expect(response.status.code == 414, "\(operation.method) \(path)?\(name)=huge: \(response.status)")
                }
                for name in operation.numericBody {
                    for value in Self.jsonNumbers {
                        let response = try await admin.send(operation.method, path, raw: "{\"\(name)\":\(value)}")
                        calls += 1
                        #expect(
                            (400..<500).contains(response.status.code),
                            "\(operation.method) \(path) {\(name): \(value.prefix(30))}: \(response.status)")
                    }
                }
                try await expectAlive(app, after: "\(operation.method) \(path)")
            }
            #expect(calls > 100)
        }
    }

    @Test func theFormsNumbersAndPagesTakeExtremeValues() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(ImportTests.valid, into: app.db)
            try await makeUser(app, "admin@example.eu", role: .admin)
            let browser = TestBrowser(app)
            try await browser.post("/login", form: ["email": "admin@example.eu", "password": "a-long-password"])
            for value in Self.numbers + [Self.hugeString] {
                for parameter in ["page", "per"] {
                    let page = try await browser.get("/catalogue?tab=offers&q=photonics&\(parameter)=\(value)")
                    #expect((200..<500).contains(page.status.code), "/catalogue?\(parameter)=\(value.prefix(30)): \(page.status)")
                }
                let offer = try await browser.post(
                    "/organisations/O0/offers",
                    form: [
                        "title": "x", "purposes[]": "learn", "availableFrom": "2027-01-01", "availableTo": "2027-02-01",
                        "capacity": value,
                    ])
                #expect((400..<500).contains(offer.status.code), "capacity \(value.prefix(30)): \(offer.status)")
                let request = try await browser.post(
                    "/organisations/O1/requests",
                    form: [
                        "title": "x", "purposes[]": "learn", "earliest": "2027-01-01", "latest": "2027-02-01",
                        "workingDays": value,
                    ])
                #expect((400..<500).contains(request.status.code), "workingDays \(value.prefix(30)): \(request.status)")
            }
            // The page number that once stopped the server, with and without a search.
            for query in ["q=a&page=9223372036854775807", "page=9223372036854775807", "page=461168601842738790"] {
                let list = try await app.testing().sendRequest(.GET, "/api/v1/offers?\(query)")
                #expect(list.status == .badRequest, "\(query): \(list.status)")
            }
            try await expectAlive(app, after: "the forms")
        }
    }

    @Test func datesFarOutsideTheCalendarAreRefused() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(ImportTests.valid, into: app.db)
            let member = try await APIClient.signedIn(app, "member@example.eu", organisation: "O0")
            let response = try await member.send(
                .POST, "/api/v1/organisations/O0/offers",
                json: [
                    "title": "Forever", "purposes": ["learn"], "availableFrom": "0001-01-01", "availableTo": "9999-12-31",
                    "capacity": 1,
                ])
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("date-range"))
        }
    }
}
