import Fluent
import Foundation
import ProgrammeRules
import Testing

@testable import App

@Suite struct DemoDataTests {
    @Test func theDatasetHasThePilotsShape() throws {
        let dataset = DemoDataset(gazetteer: try Gazetteer.bundled())
        let organisations = dataset.records.compactMap { if case .organisation(let o) = $0 { o } else { nil } }
        let partnerships = dataset.records.compactMap { if case .partnership(let p) = $0 { p } else { nil } }
        let clusters = organisations.filter { $0.kind == .clusterOrganisation }
        #expect(partnerships.count == 13)
        #expect(clusters.count == 69)
        #expect(Set(clusters.map(\.city.country)).count == 21)
        #expect(organisations.count - clusters.count == 1_000)
        #expect(Set(organisations.map(\.kind)) == Set(OrganisationKind.allCases))
        #expect(organisations.filter { $0.kind == .sme }.allSatisfy { $0.cluster != nil })
        let offers = dataset.records.filter { if case .offer = $0 { true } else { false } }.count
        let requests = dataset.records.filter { if case .request = $0 { true } else { false } }.count
        #expect(offers > 250 && requests > 150)
    }

    @Test func theDatasetIsTheSameEveryTime() throws {
        let gazetteer = try Gazetteer.bundled()
        let a = DemoDataset(gazetteer: gazetteer).records.map { "\($0)" }
        let b = DemoDataset(gazetteer: gazetteer).records.map { "\($0)" }
        #expect(a == b)
    }

    @Test func seedingFillsAnEmptyDatabaseOnce() async throws {
        try await withApp { app in
            let first = try await SeedDemoCommand.seed(app.context)
            #expect(first.contains("Demo dataset loaded"))
            #expect(try await Partnership.query(on: app.db).count() == 13)
            #expect(try await Organisation.query(on: app.db).count() == 1_069)
            #expect(try await User.query(on: app.db).count() == 3)
            let second = try await SeedDemoCommand.seed(app.context)
            #expect(second.contains("already holds data"))
            #expect(try await Organisation.query(on: app.db).count() == 1_069)
            for login in DemoDataset.logins {
                let user = try #require(try await User.find(email: login.email, on: app.db))
                #expect(try app.password.verify(DemoDataset.password, created: user.passwordHash))
            }
        }
    }
}
