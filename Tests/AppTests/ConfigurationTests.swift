import Foundation
import Testing

@testable import App

@Suite struct ConfigurationTests {
    @Test func postgresWhenDatabaseURLIsSetElseSQLite() throws {
        let root = ["CLUSTERXCHANGE_ROOT": Executable.packageRoot.path]
        let pg = try AppConfiguration.fromEnvironment(root.merging(["DATABASE_URL": "postgres://u:p@127.0.0.1:5432/cx"]) { $1 })
        #expect(pg.database == .postgres(url: "postgres://u:p@127.0.0.1:5432/cx"))
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
