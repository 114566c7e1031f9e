import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// The programme's settings and what reads the ledger: virtual stays, the open-proposal limit,
/// re-quoting after a new rate table, matches agreed offline, and matching rounds that see only
/// the available budget and leave funded visitors out.
@Suite struct ExchangeSettingsTests {
    @Test func virtualStaysWaitForTheSettingAndHaveNoLumpSum() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let json: [String: Any] = [
                "request": "RV1", "offer": "FH1", "start": "2027-03-01", "end": "2027-03-05", "goals": "Learn.", "virtual": true,
            ]
            let refused = try await scene.visitor.send(.POST, "/api/v1/exchanges", json: json)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("virtual-not-allowed"))
            #expect(
                try await scene.visitor.send(.PUT, "/api/v1/programme-settings", json: ["virtualExchanges": true]).status
                    == .forbidden)
            #expect(
                try await scene.admin.send(.PUT, "/api/v1/programme-settings", json: ["virtualExchanges": true]).status == .ok)
            let accepted = try await scene.visitor.send(.POST, "/api/v1/exchanges", json: json)
            #expect(accepted.status == .created)
            #expect(try accepted.content.decode(ExchangeScene.View.self).lumpSum.amountCents == 0)
        }
    }

    @Test func aVisitorHasAtMostTheSettingsNumberOfOpenProposals() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            #expect(
                try await scene.admin.send(.PUT, "/api/v1/programme-settings", json: ["maximumOpenProposals": 1]).status == .ok)
            _ = try await scene.propose()
            let second = try await scene.visitor.send(
                .POST, "/api/v1/exchanges",
                json: ["request": "RV1B", "offer": "FH2", "start": "2027-03-01", "end": "2027-03-05", "goals": "Learn."])
            #expect(second.status == .conflict)
            #expect(second.body.string.contains("too-many-proposals"))
            let tooMany = try await scene.admin.send(.PUT, "/api/v1/programme-settings", json: ["maximumOpenProposals": 100_000])
            #expect(tooMany.status == .unprocessableEntity)
        }
    }

    @Test func aNewRateTableRequotesOnlyWhatIsNotFundedAndShowsTheDifference() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let funded = try await scene.propose().id
            try await scene.signed(funded)
            try await scene.act(scene.visitorPartnership, funded, "approve-funding")
            let before = try await scene.view(funded).lumpSum.amountCents
            try await makeUser(app, "host@h2.example", organisation: "H2")
            let open = try await scene.propose(request: "RV2", offer: "FH1", by: scene.outsider).id
            let openBefore = try await scene.view(open).lumpSum.amountCents
            let table: [String: Any] = [
                "name": "call-2028", "version": "1", "defaultThresholdCents": 50_000, "thresholdCents": ["DE": 60_000],
                "capCents": 110_000, "halveBelowWorkingDays": 5, "halveBelowDistanceKm": 200,
            ]
            let changed = try await scene.admin.send(.PUT, "/api/v1/programme-settings", json: ["rateTable": table])
            #expect(changed.status == .ok, "\(changed.body.string)")
            let requoted = try await scene.admin.send(.GET, "/api/v1/exchanges/\(open)").body.string
            #expect(requoted.contains("\"amountCents\":60000"))
            #expect(requoted.contains("\"previousAmountCents\":\(openBefore)"))
            #expect(try await scene.view(funded).lumpSum.amountCents == before, "a funded exchange keeps its frozen amount")
            let told = try await App.Notification.query(on: app.db).filter(\.$text ~~ "rate table in force changed").count()
            #expect(told >= 1)
            // A table that could overflow a sum is refused, naming the field.
            var absurd = table
            absurd["capCents"] = Int.max
            let refused = try await scene.admin.send(.PUT, "/api/v1/programme-settings", json: ["rateTable": absurd])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("rateTable"))
        }
    }

    @Test func aCoordinatorEntersAMatchAgreedOfflineForBothSides() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let json: [String: Any] = [
                "request": "RV1", "offer": "FH1", "start": "2027-03-01", "end": "2027-03-05", "agreedOffline": true,
            ]
            #expect(try await scene.visitor.send(.POST, "/api/v1/exchanges", json: json).status == .forbidden)
            let entered = try await scene.hostPartnership.send(.POST, "/api/v1/exchanges", json: json)
            #expect(entered.status == .created, "\(entered.body.string)")
            let view = try entered.content.decode(ExchangeScene.View.self)
            #expect(view.phase == "accepted")
            #expect(view.history.map(\.action) == ["enter-agreed-match"])
            // Both organisations are told.
            let mails = Set(try await OutboxMessage.query(on: app.db).all().map(\.recipient))
            #expect(mails.isSuperset(of: ["visitor@v1.example", "host@h1.example"]))
        }
    }

    @Test func roundsSeeTheAvailableBudgetAndLeaveFundedVisitorsOut() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await scene.propose().id
            try await scene.signed(id)
            try await scene.act(scene.visitorPartnership, id, "approve-funding")
            let reserved = try await scene.budget().reservedCents
            struct Round: Decodable {
                struct Proposal: Decodable { let visitor: String }
                struct Budget: Decodable {
                    let partnership: String
                    let budgetCents: Int
                    let availableCents: Int
                }
                let proposals: [Proposal]
                let budgets: [Budget]
            }
            let answer = try await scene.visitorPartnership.send(.POST, "/api/v1/rounds", json: ["partnership": "PV"])
            #expect(answer.status == .created, "\(answer.body.string)")
            let round = try answer.content.decode(Round.self)
            let budget = try #require(round.budgets.first { $0.partnership == "PV" })
            #expect(budget.availableCents == budget.budgetCents - reserved)
            #expect(!round.proposals.contains { $0.visitor == "V1" }, "V1 is funded already")
        }
    }
}
