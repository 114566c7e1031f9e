import Fluent
import FluentPostgresDriver
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// `PreparedQuery`: one text for both databases, a list compared with `= ANY($n)` included.
@Suite struct PreparedQueryTests {
    struct NamesIn: App.PreparedQuery {
        struct Output: Decodable, Sendable {
            let name: String
        }

        static let sql = """
            SELECT name FROM \(Partnership.schema) WHERE "key" = ANY($1) AND name <> $2 ORDER BY name
            """
        let keys: [String]
        let except: String
        var values: [any PostgresEncodable & Encodable & Sendable] { [keys, except] }
    }

    @Test func aListIsAnArrayOnPostgreSQLAndAnInListOnSQLite() async throws {
        try await withApp { app in
            for (key, name) in [("p-a", "Alpha"), ("p-b", "Beta"), ("p-c", "Gamma")] {
                try await Partnership(
                    key: key, name: name, sectors: ["C26"], countries: ["DE"], budgetCents: 0, targetExchanges: 1
                )
                .create(on: app.db)
            }
            let found = try await NamesIn(keys: ["p-c", "p-a", "p-b", "nothing"], except: "Beta").all(on: app.db)
            #expect(found.map(\.name) == ["Alpha", "Gamma"])
            // An empty list matches nothing rather than failing.
            #expect(try await NamesIn(keys: [], except: "").all(on: app.db).isEmpty)
        }
    }

    @Test func onlyAListAfterAnyIsSpreadForSQLKit() async throws {
        try await withApp { app in
            let sql = try #require(app.db as? any SQLDatabase)
            var serializer = SQLSerializer(database: sql)
            NamesIn.bound([["x", "y"], "z"]).serialize(to: &serializer)
            #expect(serializer.sql.contains("\"key\" IN ("))
            #expect(!serializer.sql.contains("ANY"))
            #expect(serializer.binds.count == 3)
        }
    }

    struct Odd: App.PreparedQuery {
        struct Output: Decodable, Sendable {
            let text: String
        }

        static let sql = "SELECT 'cost in $' || $1 || $2 AS text"
        let value: String
        var values: [any PostgresEncodable & Encodable & Sendable] { [value] }
    }

    @Test func aDollarWithoutANumberAndAMissingValueStayText() async throws {
        try await withApp { app in
            let sql = try #require(app.db as? any SQLDatabase)
            var serializer = SQLSerializer(database: sql)
            Odd.bound(["x"]).serialize(to: &serializer)
            // Twice: the second run reads the pieces cut by the first.
            var again = SQLSerializer(database: sql)
            Odd.bound(["y"]).serialize(to: &again)
            for run in [serializer, again] {
                #expect(run.sql.contains("'cost in $' || "))
                #expect(run.sql.hasSuffix("|| $2 AS text"))
                #expect(run.binds.count == 1)
            }
        }
    }
}
