import ConsoleKit
import Foundation
import Testing

@testable import App

@Suite struct QuoteCommandTests {
    func quote(_ arguments: [String]) async throws -> String {
        let console = CapturingConsole()
        var context = CommandContext(console: console, input: CommandInput(arguments: ["clusterxchange"] + arguments))
        try await QuoteCommand().run(using: &context)
        return console.standardOutput
    }

    func failure(_ arguments: [String]) async -> String? {
        do {
            _ = try await quote(arguments)
            return nil
        } catch {
            return String(describing: error)
        }
    }

    @Test func printsTheInterfaceFieldsAsJSON() async throws {
        let output = try await quote([
            "--from", "Lyon, FR", "--to", "München, DE", "--start", "2026-03-02", "--end", "2026-03-06", "--json",
        ])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(object["amountCents"] as? Int == 78_000)
        #expect(object["workingDays"] as? Int == 5)
        #expect(object["currency"] as? String == "EUR")
        #expect(object["halved"] as? Bool == false)
        let distance = try #require(object["distanceKm"] as? Double)
        #expect(distance > 500 && distance < 700)
        #expect(distance == (distance * 10).rounded() / 10)
        let reasons = try #require(object["reasons"] as? [String])
        #expect(reasons.count >= 4)
        #expect(output.split(separator: "\n").count == 1)
    }

    @Test func readsARatesFile() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rates-\(UUID()).json")
        try Data(Fixture.text("rates-call-2027.json").utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try await quote([
            "--from", "Lyon, FR", "--to", "Munich, DE", "--start", "2026-03-02", "--end", "2026-03-04", "--rates", file.path,
            "--json",
        ])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(object["amountCents"] as? Int == 45_000)
        #expect(object["halved"] as? Bool == true)
        let rates = try #require(object["rates"] as? [String: Any])
        #expect(rates["name"] as? String == "call-2027")
        #expect(rates["version"] as? String == "2")
    }

    @Test func explainsEveryMistakeInOneLine() async throws {
        let base = ["--from", "Lyon, FR", "--to", "Munich, DE", "--start", "2026-03-02", "--end", "2026-03-06", "--json"]
        func with(_ option: String, _ value: String) -> [String] {
            var arguments = base
            if let index = arguments.firstIndex(of: option) { arguments[index + 1] = value }
            return arguments
        }
        let cases: [([String], String)] = [
            (with("--to", "Atlantis, DE"), "--to: unknown city \"Atlantis\" in DE"),
            (with("--from", "Lyon"), "--from: expected a place as \"City, CC\""),
            (with("--start", "2026-02-30"), "--start: expected a calendar date as YYYY-MM-DD, got \"2026-02-30\""),
            (with("--end", "2026-03-01"), "--end (2026-03-01) is before --start (2026-03-02)"),
            (with("--end", "2026-03-03"), "refused (too-short)"),
            (with("--end", "2026-04-30"), "refused (too-long)"),
            (with("--to", "Oslo, NO"), "--to: Norway is not a participating country"),
            (with("--to", "London, GB"), "refused (country-not-participating): United Kingdom (GB)"),
            (
                with("--rates", "/nonexistent/rates.json") + ["--rates", "/nonexistent/rates.json"],
                "--rates: cannot read /nonexistent/rates.json"
            ),
            (Array(base.dropFirst(2)), "--from is required"),
        ]
        for (arguments, expected) in cases {
            let message = try #require(await failure(arguments), "no failure for \(arguments)")
            #expect(message.contains(expected), "\(message)")
            #expect(!message.contains("\n"))
        }
    }

    @Test func anInvalidRatesFileNamesTheField() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rates-\(UUID()).json")
        try Data(#"{"name":"x","defaultThresholdCents":"lots"}"#.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let message = await failure([
            "--from", "Lyon, FR", "--to", "Munich, DE", "--start", "2026-03-02", "--end", "2026-03-06", "--rates", file.path,
        ])
        #expect(message?.contains("defaultThresholdCents: expected a number") == true)
    }

    @Test func theBinaryExitsNonZeroWithOneLineOnStandardError() throws {
        let ok = try Executable.run([
            "quote", "--from", "Gent, BE", "--to", "Sevilla, ES", "--start", "2026-03-02", "--end", "2026-03-06", "--json",
        ])
        #expect(ok.status == 0, "\(ok.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(ok.standardOutput.utf8)) as? [String: Any])
        #expect(object["amountCents"] as? Int == 110_000)

        let refused = try Executable.run([
            "quote", "--from", "Gent, BE", "--to", "Sevilla, ES", "--start", "2026-03-07", "--end", "2026-03-08", "--json",
        ])
        #expect(refused.status != 0)
        #expect(refused.standardOutput.isEmpty)
        let lines = refused.standardError.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("too-short") == true)
    }
}
