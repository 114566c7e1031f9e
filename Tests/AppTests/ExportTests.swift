import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// `export`: what import reads, so that an export imported into an empty database exports the same.
@Suite struct ExportTests {
    static func export(_ app: Application) async throws -> (text: String, summary: Exporter.Summary) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cx-export-\(UUID()).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let summary = try await ExportCommand.export(to: file.path, from: app.db)
        return (try String(contentsOf: file, encoding: .utf8), summary)
    }

    @Test func theFixtureRoundTripsLineForLine() async throws {
        var first = ""
        try await withApp { app in
            _ = try await ImportCommand.importText(ImportTests.valid, into: app.db)
            let exported = try await Self.export(app)
            first = exported.text
            #expect(exported.summary.partnerships == 1 && exported.summary.organisations == 2)
            #expect(exported.summary.offers == 1 && exported.summary.requests == 1 && exported.summary.leftOut == 0)
        }
        let lines = first.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        // The import format, in the order import needs: the partnership, the cluster before its SME.
        let objects = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.map { $0["type"] as? String } == ["partnership", "organisation", "organisation", "offer", "request"])
        #expect(objects[1]["key"] as? String == "O0")
        #expect(objects[2]["cluster"] as? String == "O0")
        #expect(objects[2]["city"] as? String == "Munich")
        #expect(objects[3]["purposes"] as? [String] == ["learn", "technology"])
        try await withApp { app in
            let summary = try await ImportCommand.importText(first, into: app.db)
            #expect(summary.created == ["partnership": 1, "organisation": 2, "offer": 1, "request": 1])
            #expect(try await Self.export(app).text == first)
        }
    }

    @Test func theDemoRoundTripsAndLeavesTheUnvalidatedOut() async throws {
        var first = ""
        var summary = Exporter.Summary()
        try await withApp { app in
            _ = try await SeedDemoCommand.seed(app.context)
            let waiting = try await Organisation.query(on: app.db).filter(\.$validationStatus != .validated).count()
            #expect(waiting > 0, "the demo has an organisation waiting for validation")
            (first, summary) = try await Self.export(app)
            #expect(summary.leftOut >= waiting)
            #expect(!first.contains("Wrocław Laser Works"), "an organisation waiting for validation is not exported")
            #expect(summary.organisations + summary.leftOut == (try await Organisation.query(on: app.db).count()))
        }
        #expect(summary.partnerships == 13)
        try await withApp { app in
            _ = try await ImportCommand.importText(first, into: app.db)
            let again = try await Self.export(app)
            #expect(again.summary.leftOut == 0)
            let before = first.split(separator: "\n")
            let after = again.text.split(separator: "\n")
            #expect(after.count == before.count)
            let differing = zip(before, after).first { $0 != $1 }
            #expect(differing == nil, "first differing line: \(differing.map { "\($0)\n≠ \($1)" } ?? "")")
        }
    }

    @Test func anUnwritableFileIsRefusedAndLeavesNothing() async throws {
        try await withApp { app in
            await #expect(throws: CommandFailure.self) {
                _ = try await ExportCommand.export(to: "/nonexistent-folder/x.jsonl", from: app.db)
            }
        }
    }
}
