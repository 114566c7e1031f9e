import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// One exchange from the proposal to the payment through the API, with the budget's identity
/// (budget = reserved + paid + available) and the append-only history checked at every step.
@Suite struct ExchangeWalkTests {
    @Test func anExchangeWalksFromTheProposalToThePayment() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let before = try await scene.budget()
            #expect(before == .init(budgetCents: 500_000, reservedCents: 0, paidCents: 0, availableCents: 500_000))

            let proposed = try await scene.propose()
            let id = proposed.id
            #expect(proposed.phase == "proposed")
            #expect(proposed.lumpSum.amountCents > 0 && !proposed.lumpSum.frozen)
            #expect(proposed.history.map(\.action) == ["propose"])
            #expect(try await scene.view(id, as: scene.host).actions.contains("accept"))
            #expect(try await scene.view(id, as: scene.visitor).actions == ["withdraw"])

            var history = proposed.history.count
            /// Each step adds exactly one line to the history, the earlier lines unchanged.
            func step(_ client: APIClient, _ action: String, json: [String: Any]? = nil, to phase: String) async throws {
                let earlier = try await scene.view(id).history
                let after = try await scene.act(client, id, action, json: json).content.decode(ExchangeScene.View.self)
                #expect(after.phase == phase, "\(action)")
                #expect(after.history.count == history + 1, "\(action)")
                #expect(Array(after.history.prefix(earlier.count)).map(\.action) == earlier.map(\.action))
                #expect(after.history.last?.action == action)
                #expect(after.history.last?.to == phase)
                history = after.history.count
                _ = try await scene.budget()
            }

            try await step(scene.host, "accept", to: "accepted")
            // The commitment: a new version voids nothing yet (no signature), and records itself.
            let edited = try await scene.visitor.send(
                .PUT, "/api/v1/exchanges/\(id)/commitment",
                json: ["goals": "Learn to cut with lasers.", "agenda": "Monday: the lab. Tuesday to Friday: the line."])
            #expect(edited.status == .ok, "\(edited.body.string)")
            history += 1
            try await step(scene.host, "sign-as-host", to: "signing")
            try await step(scene.visitor, "sign-as-visitor", to: "signing")
            try await step(scene.hostPartnership, "sign-as-host-partnership", to: "signing")
            try await step(scene.visitorPartnership, "sign-as-visitor-partnership", to: "signing")
            let signed = try await scene.view(id)
            #expect(Set(signed.signatures) == ["host", "visitor", "host-partnership", "visitor-partnership"])
            // Funding waits for the financial-support agreement, signed by the visitor and its partnership.
            #expect(!(try await scene.view(id, as: scene.visitorPartnership).actions.contains("approve-funding")))
            try await step(scene.visitor, "sign-financial-agreement-as-visitor", to: "signing")
            try await step(scene.visitorPartnership, "sign-financial-agreement-as-visitor-partnership", to: "signing")
            #expect(try await scene.view(id, as: scene.visitorPartnership).actions.contains("approve-funding"))

            try await step(scene.visitorPartnership, "approve-funding", to: "funding-approved")
            let funded = try await scene.view(id)
            #expect(funded.lumpSum.frozen)
            let amount = funded.lumpSum.amountCents
            #expect(
                try await scene.budget()
                    == .init(budgetCents: 500_000, reservedCents: amount, paidCents: 0, availableCents: 500_000 - amount))

            // The stay: started from its first day, the report only after its last.
            try await scene.act(scene.visitor, id, "start", expect: .conflict)
            scene.setToday("2027-03-01")
            try await step(scene.visitor, "start", to: "under-way")
            let report = try await scene.visitor.send(
                .PUT, "/api/v1/exchanges/\(id)/report",
                json: ["outcomes": "Two joint projects.", "followUp": "A visit back in May."])
            #expect(report.status == .ok, "\(report.body.string)")
            history += 1
            try await scene.act(scene.visitor, id, "submit-report", expect: .conflict)
            scene.setToday("2027-03-08")
            try await step(scene.visitor, "submit-report", to: "report-submitted")
            try await step(
                scene.visitorPartnership, "return-report", json: ["reason": "Add the list of people met."], to: "report-returned")
            try await step(scene.visitor, "submit-report", to: "report-submitted")
            try await step(scene.visitorPartnership, "validate-report", to: "report-validated")
            try await step(
                scene.visitorPartnership, "pay", json: ["reference": "PV-2027-001", "paidOn": "2027-03-08"], to: "paid")

            #expect(
                try await scene.budget()
                    == .init(budgetCents: 500_000, reservedCents: 0, paidCents: amount, availableCents: 500_000 - amount))
            let paid = try await scene.view(id)
            #expect(paid.actions.isEmpty)
            #expect(paid.history.allSatisfy { !$0.by.isEmpty })
            let lines = try await LedgerEntry.query(on: app.db).all().map(\.kind)
            #expect(lines.sorted { $0.rawValue < $1.rawValue } == [.pay, .reserve])
            // Nothing moves after paid.
            try await scene.act(scene.admin, id, "cancel", json: ["reason": "Changed our mind."], expect: .conflict)
        }
    }

    @Test func cancellingAFundedExchangeReleasesItsReservation() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await scene.propose().id
            try await scene.signed(id)
            try await scene.act(scene.visitorPartnership, id, "approve-funding")
            let amount = try await scene.view(id).lumpSum.amountCents
            #expect(try await scene.budget().reservedCents == amount)
            try await scene.act(scene.visitorPartnership, id, "cancel", expect: .unprocessableEntity)
            try await scene.act(scene.visitorPartnership, id, "cancel", json: ["reason": "The host closed its lab."])
            #expect(
                try await scene.budget() == .init(budgetCents: 500_000, reservedCents: 0, paidCents: 0, availableCents: 500_000))
            #expect(try await scene.view(id).history.last?.action == "cancel")
        }
    }

    @Test func changingTheCommitmentVoidsTheSignatures() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await scene.signedByHost()
            try await scene.act(scene.visitor, id, "sign-as-visitor")
            let signed = try await scene.view(id)
            #expect(signed.signatures.count == 2)
            let changed = try await scene.host.send(
                .PUT, "/api/v1/exchanges/\(id)/commitment",
                json: ["goals": "Learn to cut with lasers.", "start": "2027-03-08", "end": "2027-03-12"])
            #expect(changed.status == .ok, "\(changed.body.string)")
            let after = try await scene.view(id)
            #expect(after.signatures.isEmpty)
            #expect(after.commitmentVersion == signed.commitmentVersion + 1)
            // The visitor, who had signed, is told.
            let told = try await App.Notification.query(on: app.db).filter(\.$text ~~ "Commitment to Quality").all()
            #expect(!told.isEmpty)
            // New dates that break a rule are refused with the rule's name, and nothing changes.
            let tooShort = try await scene.host.send(
                .PUT, "/api/v1/exchanges/\(id)/commitment",
                json: ["goals": "Learn.", "start": "2027-03-08", "end": "2027-03-08"])
            #expect(tooShort.status == .unprocessableEntity)
            #expect(tooShort.body.string.contains("too-short"))
            #expect(try await scene.view(id).commitmentVersion == after.commitmentVersion)
        }
    }
}
