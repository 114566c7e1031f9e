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
        // Every name once: a list to choose from never shows the same cluster twice.
        let names = organisations.map(\.name)
        #expect(
            Set(names).count == names.count, "\(Dictionary(grouping: names, by: { $0 }).filter { $1.count > 1 }.keys.sorted())")
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
            // The demo's organisations, and one registered since, waiting in the coordinator's queue.
            #expect(try await Organisation.query(on: app.db).count() == 1_070)
            let waiting = try await Registration.query(on: app.db).filter(\.$status == .submitted).with(\.$organisation).all()
            #expect(waiting.map(\.organisation.name) == ["Wrocław Laser Works"])
            // The demo logins, and the parties of the demo exchanges.
            #expect(try await User.query(on: app.db).count() > 3)
            let phases = Set(try await Exchange.query(on: app.db).all().map(\.phase))
            #expect(phases == Set(ExchangePhase.allCases), "missing: \(Set(ExchangePhase.allCases).subtracting(phases))")
            let visitorPartnership = try #require(
                try await Partnership.query(on: app.db).filter(\.$key == "photonics-4x").first())
            let budget = try await Ledger.balance(of: visitorPartnership, on: app.db)
            #expect(budget.reservedCents > 0 && budget.paidCents > 0)
            #expect(budget.budgetCents == budget.reservedCents + budget.paidCents + budget.availableCents)
            // The participant has one to accept and one to sign; the history reads in order.
            let participant = try #require(try await User.find(email: "participant@clusterxchange.example", on: app.db))
            let own = try await app.context.acting(as: Caller(participant)).exchanges.list(phase: nil)
            #expect(own.contains { $0.actions.contains("accept") })
            #expect(own.contains { $0.actions.contains("sign-as-visitor") })
            let paid = try await Exchange.query(on: app.db).filter(\.$phase == .paid).all()
            for exchange in paid {
                let events = try await ExchangeEvent.query(on: app.db).filter(\.$exchange.$id == exchange.requireID()).sort(\.$at)
                    .all()
                #expect(events.first?.action == "propose")
                #expect(events.last?.action == "pay")
            }
            // A living community: news and events published in several time zones, two waiting for the coordinator.
            let news = try await app.context.publications.publishedNews()
            #expect(news.count >= 5 && Set(news.map(\.kind)) == [.news, .achievement])
            let events = try await app.context.publications.publishedEvents()
            #expect(Set(events.map(\.timeZone)).count >= 4)
            #expect(events.contains { $0.place == nil } && events.contains { $0.online == nil })
            let coordinator = try #require(try await User.find(email: "coordinator@clusterxchange.example", on: app.db))
            let queue = try await app.context.acting(as: Caller(coordinator)).publications.queue()
            #expect(queue.count == 2 && queue.allSatisfy { $0.organisation == DemoExchanges.participantOrganisation })
            let participantID = try #require(try await User.find(email: "participant@clusterxchange.example", on: app.db)?.id)
            #expect(try await Follow.query(on: app.db).filter(\.$user.$id == participantID).count() == 4)
            #expect(try await ExchangeOutcome.query(on: app.db).filter(\.$answer != nil).count() == 2 * paid.count)
            let second = try await SeedDemoCommand.seed(app.context)
            #expect(second.contains("already holds data"))
            #expect(try await Organisation.query(on: app.db).count() == 1_070)
            #expect(try await Exchange.query(on: app.db).count() == DemoExchanges.plan.count)
            for login in DemoDataset.logins {
                let user = try #require(try await User.find(email: login.email, on: app.db))
                #expect(try app.password.verify(DemoDataset.password, created: user.passwordHash))
            }
        }
    }
}
