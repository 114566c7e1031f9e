import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// The budget is never overspent, whatever the concurrency: 200 approvals at once against a
/// budget that covers 100 fund exactly 100 (on SQLite and on PostgreSQL, where they truly run
/// at the same time), and the ledger's identity holds after.
@Suite struct BudgetConcurrencyTests {
    @Test func twoHundredApprovalsAtOnceAgainstABudgetForOneHundredFundExactlyOneHundred() async throws {
        try await withApp { app in
            let prepared = try await ExchangeFixtures.signedExchanges(app, count: 200)
            try await Partnership.query(on: app.db).filter(\.$key == "PV").set(\.$budgetCents, to: 100 * prepared.amountCents)
                .update()
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for id in prepared.ids {
                    group.addTask {
                        try await prepared.coordinator.send(.POST, "/api/v1/exchanges/\(id)/actions/approve-funding").status.code
                    }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 200 }.count == 100)
            #expect(statuses.filter { $0 == 409 }.count == 100)
            let funded = try await Exchange.query(on: app.db).filter(\.$phase == .fundingApproved).count()
            #expect(funded == 100)
            #expect(try await LedgerEntry.query(on: app.db).filter(\.$kind == .reserve).count() == 100)
            let budget = try await prepared.coordinator.send(.GET, "/api/v1/partnerships/PV/budget").content.decode(
                ExchangeScene.Budget.self)
            #expect(budget.reservedCents == 100 * prepared.amountCents)
            #expect(budget.availableCents == 0)
            #expect(budget.budgetCents == budget.reservedCents + budget.paidCents + budget.availableCents)
        }
    }

    /// Pay and cancel race for the same funded exchange: one wins, the money moves once.
    @Test func payAndCancelAtOnceMoveTheMoneyOnce() async throws {
        try await withApp { app in
            let prepared = try await ExchangeFixtures.signedExchanges(app, count: 1)
            try await Partnership.query(on: app.db).filter(\.$key == "PV").set(\.$budgetCents, to: prepared.amountCents).update()
            let id = prepared.ids[0]
            let coordinator = prepared.coordinator
            #expect(try await coordinator.send(.POST, "/api/v1/exchanges/\(id)/actions/approve-funding").status == .ok)
            // Straight to report-validated, the phase where both pay and cancel are open.
            try await Exchange.query(on: app.db).filter(\.$id == id).set(\.$phase, to: .reportValidated).update()
            async let pay = coordinator.send(.POST, "/api/v1/exchanges/\(id)/actions/pay", json: ["reference": "PV-1"])
            async let cancel = coordinator.send(
                .POST, "/api/v1/exchanges/\(id)/actions/cancel", json: ["reason": "Cancelled after all."])
            let answers = try await [pay, cancel].map(\.status.code)
            #expect(answers.filter { $0 == 200 }.count == 1, "\(answers)")
            let budget = try await coordinator.send(.GET, "/api/v1/partnerships/PV/budget").content.decode(
                ExchangeScene.Budget.self)
            #expect(budget.reservedCents == 0)
            #expect(budget.paidCents + budget.availableCents == prepared.amountCents)
            #expect(try await LedgerEntry.query(on: app.db).count() == 2)
        }
    }
}
