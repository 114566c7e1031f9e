import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Bulk onboarding: a file checked line by line, then applied all or nothing.
@Suite struct BulkOnboardingTests {
    static let csv = """
        key,name,kind,country,city,sectors,topics,description,languages,partnership
        N1,Nantes Composites Cluster,cluster-organisation,FR,Nantes,C22;C29,composites,A cluster.,fr;en,PV
        N2,"Porto Tooling, Lda",technology-centre,PT,Porto,C25,"tooling; moulds",A centre.,pt;en,PV
        """

    @Test func aCSVIsReadLineByLineAndAppliedAllOrNothing() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            let office = app.context.acting(as: Caller(try #require(try await User.find(email: "admin@example.eu", on: app.db))))
            let report = try await office.bulkOnboarding.check(Self.csv, filename: "members.csv")
            #expect(report.issues.isEmpty, "\(report.issues)")
            #expect(report.summary == "organisations: 2 created, 0 updated")
            #expect(
                try await Organisation.query(on: app.db).filter(\.$key ~~ ["N1", "N2"]).count() == 0, "a check writes nothing")

            // One bad line: the report names it by its row, and nothing is written.
            let broken = Self.csv + "\nN3,Nowhere Hub,innovation-hub,ZZ,Atlantis,C26,,A hub.,en,PV"
            let refused = try await office.bulkOnboarding.check(broken, filename: "members.csv")
            #expect(refused.summary == nil && refused.issues.contains { $0.hasPrefix("line 4") }, "\(refused.issues)")
            await #expect(throws: AppError.self) { try await office.bulkOnboarding.apply(refused.content) }
            #expect(try await Organisation.query(on: app.db).filter(\.$key ~~ ["N1", "N2", "N3"]).count() == 0)

            let summary = try await office.bulkOnboarding.apply(report.content)
            #expect(summary.created["organisation"] == 2)
            let porto = try #require(try await Organisation.query(on: app.db).filter(\.$key == "N2").first())
            #expect(porto.name == "Porto Tooling, Lda" && porto.topics == ["tooling", "moulds"])
        }
    }

    @Test func onlyTheSupportOfficeOnboardsAndThePageShowsTheReport() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            let coordinator = try await TestBrowser.signedIn(app, "coordinator@pv.example")
            #expect(try await coordinator.get("/support/import").status == .forbidden)
            let office = try await TestBrowser.signedIn(app, "admin@example.eu")
            let checked = try await office.post(
                "/support/import", form: [:], files: ["file": (filename: "members.csv", data: Data(Self.csv.utf8))])
            #expect(checked.status == .ok)
            #expect(checked.body.string.contains("Applying would write: organisations: 2 created, 0 updated"))
            // The apply form sends the checked text as multipart, as the page's form does.
            let lines = CSVImport.jsonLines(Self.csv).text
            let applied = try await office.post("/support/import/apply", form: ["content": lines], files: [:])
            #expect(applied.status == .seeOther)
            #expect(try await Organisation.query(on: app.db).filter(\.$key ~~ ["N1", "N2"]).count() == 2)
        }
    }

    @Test func aFileWithProblemsSaysHowManyLinesAndWhichFieldsExist() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            let office = try await TestBrowser.signedIn(app, "admin@example.eu")
            // The second line misspells "name": it is then missing, and the misspelt field is named.
            let file = Self.csv.replacingOccurrences(of: "Nantes Composites Cluster", with: "")
                .replacingOccurrences(of: "key,name,", with: "key,nmae,")
            let checked = try await office.post(
                "/support/import", form: [:], files: ["file": (filename: "members.csv", data: Data(file.utf8))])
            let page = checked.body.string
            #expect(checked.status == .unprocessableEntity)
            #expect(page.contains("members.csv: 2 lines read, 0 lines without a problem"), "\(page)")
            #expect(page.contains("2 lines have problems: nothing is applied until they are corrected."))
            #expect(page.contains("nmae is no field of an organisation"))
            #expect(
                page.contains(
                    "An organisation&#39;s fields: type and key, name, kind, country, city (required); sectors, topics, "))
            #expect(!page.contains("0 records"))
        }
    }
}
