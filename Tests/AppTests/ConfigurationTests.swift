import Foundation
import Testing

@testable import App

@Suite struct ConfigurationTests {
    @Test func postgresWhenDatabaseURLIsSetElseSQLite() throws {
        let root = ["CLUSTERXCHANGE_ROOT": Executable.packageRoot.path]
        let pg = try AppConfiguration.fromEnvironment(root.merging(["DATABASE_URL": "postgres://u:p@127.0.0.1:5432/cx"]) { $1 })
        #expect(pg.database == .postgres(url: "postgres://u:p@127.0.0.1:5432/cx", connectionsPerLoop: 4))
        let wider = try AppConfiguration.fromEnvironment(
            root.merging(["DATABASE_URL": "postgres://u:p@127.0.0.1:5432/cx", "DATABASE_CONNECTIONS": "12"]) { $1 })
        #expect(wider.database == .postgres(url: "postgres://u:p@127.0.0.1:5432/cx", connectionsPerLoop: 12))
        for bad in ["0", "65", "many", "-1", "99999999999999999999"] {
            #expect(throws: ConfigurationError.self) {
                try AppConfiguration.fromEnvironment(
                    root.merging(["DATABASE_URL": "postgres://u:p@127.0.0.1:5432/cx", "DATABASE_CONNECTIONS": bad]) { $1 })
            }
        }
        #expect(try AppConfiguration.fromEnvironment(root).database == .sqlite(path: "clusterxchange.sqlite"))
        #expect(
            try AppConfiguration.fromEnvironment(root.merging(["DATABASE_PATH": "/tmp/x.sqlite"]) { $1 }).database
                == .sqlite(path: "/tmp/x.sqlite"))
    }

    @Test func badValuesAreRefusedWithTheVariableName() {
        #expect(throws: ConfigurationError.self) { try AppConfiguration.fromEnvironment(["DATABASE_URL": "mysql://x"]) }
        do {
            _ = try AppConfiguration.fromEnvironment(["CLUSTERXCHANGE_ROOT": "/nonexistent"])
            Issue.record("accepted a root without views")
        } catch {
            #expect(String(describing: error).contains("CLUSTERXCHANGE_ROOT"))
        }
    }

    @Test func theRootIsFoundAboveTheExecutable() throws {
        let binary = Executable.binary.path
        let root = try AppConfiguration.rootDirectory([:], executablePath: binary)
        #expect(URL(fileURLWithPath: root).standardizedFileURL == Executable.packageRoot.standardizedFileURL)
    }
}
