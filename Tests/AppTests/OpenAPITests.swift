import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// The document and the code must not drift: every API route is documented and every documented
/// operation exists. (The browser suite checks live answers against the schemas.)
@Suite struct OpenAPITests {
    @Test func theDocumentListsExactlyTheAPIsRoutes() async throws {
        try await withApp { app in
            let response = try await app.testing().sendRequest(.GET, "/openapi.json")
            #expect(response.status == .ok)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var documented: Set<String> = []
            for (path, operations) in paths {
                for method in operations.keys where ["get", "post", "put", "patch", "delete"].contains(method) {
                    documented.insert("\(method.uppercased()) \(path)")
                }
            }
            let routed = Set(
                app.routes.all.compactMap { route -> String? in
                    let path =
                        "/"
                        + route.path.map { component in
                            if case .parameter(let name) = component { return "{\(name)}" }
                            return component.description
                        }.joined(separator: "/")
                    guard path.hasPrefix("/api/") || path == "/healthz" else { return nil }
                    return "\(route.method.rawValue) \(path)"
                })
            #expect(routed.subtracting(documented).isEmpty, "undocumented: \(routed.subtracting(documented).sorted())")
            #expect(documented.subtracting(routed).isEmpty, "documented but missing: \(documented.subtracting(routed).sorted())")
        }
    }

    @Test func everyReferencedSchemaExists() throws {
        let text = try String(
            contentsOf: Executable.packageRoot.appendingPathComponent("Resources/OpenAPI/openapi.json"), encoding: .utf8)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let references = text.components(separatedBy: "\"#/components/schemas/").dropFirst().compactMap {
            $0.split(separator: "\"").first.map(String.init)
        }
        #expect(!references.isEmpty)
        for name in Set(references) { #expect(schemas[name] != nil, "\(name)") }
    }
}
