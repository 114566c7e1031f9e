import Fluent
import Foundation
import Testing

@testable import App

@Suite struct ImportTests {
    static let valid = Fixture.text("import-valid.jsonl")

    @Test func importsEveryTypeAndLinksReferences() async throws {
        try await withApp { app in
            let summary = try await ImportCommand.importText(Self.valid, into: app.db)
            #expect(summary.created == ["partnership": 1, "organisation": 2, "offer": 1, "request": 1])
            let sme = try #require(
                try await Organisation.query(on: app.db).filter(\.$key == "O1").with(\.$cluster).with(\.$partnership).first())
            #expect(sme.city == "Munich")
            #expect(sme.timeZone == "Europe/Berlin")
            #expect(sme.cluster?.key == "O0")
            #expect(sme.partnership?.key == "P1")
            #expect(sme.validationStatus == .validated)
            #expect(sme.languages == ["de", "en"])
            let offer = try #require(try await Offer.query(on: app.db).filter(\.$key == "F1").with(\.$host).first())
            #expect(offer.host.key == "O0")
            #expect(offer.purposes == [.learn, .technology])
        }
    }

    @Test func importingAgainUpdatesByKey() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(Self.valid, into: app.db)
            let renamed = Self.valid.replacingOccurrences(of: "Laser SME", with: "Laser SME GmbH")
            let summary = try await ImportCommand.importText(renamed, into: app.db)
            #expect(summary.updated == ["partnership": 1, "organisation": 2, "offer": 1, "request": 1])
            #expect(summary.created.values.allSatisfy { $0 == 0 })
            #expect(try await Organisation.query(on: app.db).count() == 2)
            #expect(try await Organisation.query(on: app.db).filter(\.$key == "O1").first()?.name == "Laser SME GmbH")
        }
    }

    @Test func aDryRunWritesNothing() async throws {
        try await withApp { app in
            let summary = try await ImportCommand.importText(Self.valid, into: app.db, dryRun: true)
            #expect(summary.created["organisation"] == 2)
            #expect(try await Organisation.query(on: app.db).count() == 0)
        }
    }

    @Test func oneBadLineImportsNothingAndIsNamed() async throws {
        try await withApp { app in
            var lines = Self.valid.split(separator: "\n").map(String.init)
            lines[2] = lines[2].replacingOccurrences(of: "München", with: "Atlantis")
            lines.append(
                #"{"type":"offer","key":"F2","host":"O0","title":"x","purposes":["sightseeing"],"#
                    + #""availableFrom":"2027-02-30","availableTo":"2027-01-01","capacity":"two"}"#
            )
            lines.append("not json")
            do {
                _ = try await ImportCommand.importText(lines.joined(separator: "\n"), into: app.db)
                Issue.record("a bad file was imported")
            } catch {
                let message = String(describing: error)
                #expect(message.contains("line 3 (O1) city: unknown city \"Atlantis\" in DE"))
                #expect(message.contains("line 6 (F2) purposes[0]: choose one of learn, markets, technology, collaboration"))
                #expect(message.contains("line 6 (F2) availableFrom: must be a calendar date"))
                #expect(message.contains("line 6 (F2) capacity: must be a whole number, not a string"))
                #expect(message.contains("line 7: is not valid JSON"))
                #expect(!message.contains("\n"))
            }
            let partnerships = try await Partnership.query(on: app.db).count()
            let organisations = try await Organisation.query(on: app.db).count()
            #expect(partnerships == 0 && organisations == 0)
        }
    }

    @Test func referencesMustExistAndMakeSense() async throws {
        try await withApp { app in
            let file =
                Self.valid
                .replacingOccurrences(of: #""cluster":"O0""#, with: #""cluster":"O9""#)
                .replacingOccurrences(of: #""visitor":"O1""#, with: #""visitor":"O0""#)
                + "\n"
                + #"{"type":"organisation","key":"O2","name":"Agency","kind":"public-authority","country":"IT","city":"Rome","#
                + #""partnership":"P9"}"#
                + "\n"
                + #"{"type":"request","key":"R2","visitor":"O2","title":"x","purposes":["learn"],"earliest":"2027-03-01","#
                + #""latest":"2027-03-31","workingDays":5}"#
            do {
                _ = try await ImportCommand.importText(file, into: app.db)
                Issue.record("imported broken references")
            } catch {
                let message = String(describing: error)
                #expect(message.contains("line 3 (O1) cluster: no organisation has the key \"O9\""))
                #expect(message.contains("line 6 (O2) partnership: no partnership has the key \"P9\""))
                #expect(
                    message.contains(
                        "line 7 (R2) visitor: host-only-kind: "
                            + "A public authority or innovation agency may host exchanges but may not visit"
                    ))
            }
            let offers = try await Offer.query(on: app.db).count()
            #expect(offers == 0)
        }
    }

    @Test func duplicateKeysInOneFileAreRefused() async throws {
        try await withApp { app in
            let lines = Self.valid.split(separator: "\n").map(String.init)
            let file = (lines + [lines[1]]).joined(separator: "\n")
            await #expect(throws: CommandFailure.self) { try await ImportCommand.importText(file, into: app.db) }
        }
    }

    @Test func theCommandLineImportsAFileWithProgress() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cx-import-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("data.jsonl")
        try Data(Self.valid.utf8).write(to: file)
        let result = try Executable.run(["import", file.path], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("organisations: 2 created"))
        #expect(result.standardError.contains("importing: 5/5 (100%)"))
        let again = try Executable.run(["import", file.path], in: directory)
        #expect(again.standardOutput.contains("organisations: 0 created, 2 updated"))
        let missing = try Executable.run(["import", directory.appendingPathComponent("none.jsonl").path], in: directory)
        #expect(missing.status != 0)
        #expect(missing.standardError.split(separator: "\n").count == 1)
    }
}
