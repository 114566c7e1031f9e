import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// What the exchanges' API refuses, with the status `docs/interfaces.md` fixes, and that a refused
/// action changes nothing.
@Suite struct ExchangeRefusalTests {
    @Test func idsDoNotLeakAndPartiesActOnlyInTheirRole() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await scene.propose().id
            // Someone with no part in it: 404, as for an exchange that does not exist.
            let hidden = try await scene.outsider.send(.GET, "/api/v1/exchanges/\(id)")
            #expect(hidden.status == .notFound)
            try await scene.act(scene.outsider, id, "accept", expect: .notFound)
            #expect(try await scene.outsider.send(.GET, "/api/v1/exchanges").content.decode([ExchangeScene.View].self).isEmpty)
            let anonymous = try await APIClient(app: app, token: nil).send(.GET, "/api/v1/exchanges/\(id)")
            #expect(anonymous.status == .unauthorized)
            // A party who may not take the action: 403, and nothing changes.
            try await scene.act(scene.visitor, id, "accept", expect: .forbidden)
            try await scene.act(scene.visitorPartnership, id, "approve-funding", expect: .conflict)
            #expect(try await scene.view(id).phase == "proposed")
            #expect(try await scene.view(id).history.count == 1)
            // An action that does not exist.
            try await scene.act(scene.host, id, "teleport", expect: .notFound)
            try await scene.act(scene.host, id, "edit-commitment", expect: .notFound)
            try await scene.act(scene.host, UUID(), "accept", expect: .notFound)
            // The visitor's partnership's list holds it; the other visitor's does not.
            #expect(
                try await scene.visitorPartnership.send(.GET, "/api/v1/exchanges?phase=proposed").content.decode(
                    [ExchangeScene.View].self
                ).count == 1)
            #expect(
                try await scene.visitorPartnership.send(.GET, "/api/v1/exchanges?phase=paid").content.decode(
                    [ExchangeScene.View].self
                ).isEmpty)
            #expect(try await scene.visitor.send(.GET, "/api/v1/exchanges?phase=nonsense").status == .badRequest)
        }
    }

    @Test func theSamePartySignsOnce() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await scene.signedByHost()
            let twice = try await scene.act(scene.host, id, "sign-as-host", expect: .conflict)
            #expect(twice.headers.contentType?.subType == "problem+json")
            #expect(try await ExchangeSignature.query(on: app.db).count() == 1)
        }
    }

    @Test func proposalsThatBreakAProgrammeRuleAreRefusedNamingTheRule() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            func propose(_ fields: [String: Any], by client: APIClient? = nil) async throws -> TestingHTTPResponse {
                var json: [String: Any] = [
                    "request": "RV1", "offer": "FH1", "start": "2027-03-01", "end": "2027-03-05", "goals": "Learn.",
                ]
                json.merge(fields) { $1 }
                return try await (client ?? scene.visitor).send(.POST, "/api/v1/exchanges", json: json)
            }
            let cases: [([String: Any], String)] = [
                (["end": "2027-03-02"], "too-short"),
                (["start": "2027-03-01", "end": "2027-04-15"], "too-long"),
                (["end": "2027-02-20"], "end-before-start"),
                (["start": "2027-01-04", "end": "2027-01-08"], "start-not-future"),
                (["start": "2027-07-05", "end": "2027-07-09"], "outside-request-window"),
                (["request": "NOPE"], "unknown-key"),
                (["start": "2027-02-30"], "date"),
                (["goals": ""], "required"),
            ]
            for (fields, rule) in cases {
                let refused = try await propose(fields)
                #expect(refused.status == .unprocessableEntity, "\(fields)")
                #expect(refused.body.string.contains(rule), "\(fields): \(refused.body.string)")
            }
            // Someone of neither organisation may not propose; nor twice the same pair.
            #expect(try await propose([:], by: scene.outsider).status == .forbidden)
            #expect(try await propose([:]).status == .created)
            #expect(try await propose([:]).status == .conflict)
            #expect(try await Exchange.query(on: app.db).count() == 1)
        }
    }

    @Test func aVisitorOrganisationIsFundedOnce() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            try await makeUser(app, "host@h2.example", organisation: "H2")
            let first = try await scene.propose().id
            let second = try await scene.propose(request: "RV1B", offer: "FH2").id
            try await scene.signed(first)
            let otherHost = APIClient(app: app, token: try await token(app, "host@h2.example"))
            try await scene.act(otherHost, second, "accept")
            try await scene.writeCommitment(second)
            for (client, action) in [
                (otherHost, "sign-as-host"), (scene.visitor, "sign-as-visitor"),
                (scene.hostPartnership, "sign-as-host-partnership"),
                (scene.visitorPartnership, "sign-as-visitor-partnership"), (scene.visitor, "sign-financial-agreement-as-visitor"),
                (scene.visitorPartnership, "sign-financial-agreement-as-visitor-partnership"),
            ] {
                try await scene.act(client, second, action)
            }
            // Both approvals at once: exactly one is funded, the other refused with the rule.
            async let a = scene.visitorPartnership.send(.POST, "/api/v1/exchanges/\(first)/actions/approve-funding")
            async let b = scene.visitorPartnership.send(.POST, "/api/v1/exchanges/\(second)/actions/approve-funding")
            let answers = try await [a, b]
            #expect(answers.map(\.status.code).sorted() == [200, 409])
            #expect(answers.contains { $0.body.string.contains("already-funded") }, "\(answers.map(\.body.string))")
            let budget = try await scene.budget()
            #expect(try await LedgerEntry.query(on: app.db).count() == 1)
            #expect(budget.reservedCents > 0)
        }
    }

    @Test func fundingIsRefusedWhenTheAvailableBudgetIsBelowTheLumpSum() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await scene.propose().id
            try await scene.signed(id)
            let amount = try await scene.view(id).lumpSum.amountCents
            try await Partnership.query(on: app.db).filter(\.$key == "PV").set(\.$budgetCents, to: amount - 1).update()
            let refused = try await scene.act(scene.visitorPartnership, id, "approve-funding", expect: .conflict)
            #expect(refused.body.string.contains("budget-exceeded"))
            #expect(try await scene.view(id).phase == "signing")
            #expect(try await scene.budget().reservedCents == 0)
            try await Partnership.query(on: app.db).filter(\.$key == "PV").set(\.$budgetCents, to: amount).update()
            try await scene.act(scene.visitorPartnership, id, "approve-funding")
            #expect(try await scene.budget().availableCents == 0)
        }
    }

    /// Public money is public (decision 0032): the totals are open, the ledger's lines are the coordinators'.
    @Test func theBudgetsTotalsAreOpenAndItsLinesAreForItsCoordinators() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            #expect(try await scene.visitorPartnership.send(.GET, "/api/v1/partnerships/PV/budget").status == .ok)
            #expect(try await scene.hostPartnership.send(.GET, "/api/v1/partnerships/PV/budget").status == .ok)
            #expect(try await scene.visitor.send(.GET, "/api/v1/partnerships/PV/budget").status == .ok)
            #expect(try await scene.admin.send(.GET, "/api/v1/partnerships/NOPE/budget").status == .notFound)
            #expect(try await TestBrowser.signedIn(app, "visitor@v1.example").get("/partnerships/PV/budget").status == .forbidden)
            #expect(try await TestBrowser.signedIn(app, "coordinator@pv.example").get("/partnerships/PV/budget").status == .ok)
        }
    }

    @Test func actionsNeedingAReasonOrAReferenceSayWhichField() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await scene.propose().id
            let noReason = try await scene.act(scene.host, id, "decline", expect: .unprocessableEntity)
            #expect(noReason.body.string.contains("reason"))
            let malformed = try await scene.host.send(.POST, "/api/v1/exchanges/\(id)/actions/decline", raw: "{\"reason\":")
            #expect(malformed.status == .badRequest)
            try await scene.act(scene.host, id, "decline", json: ["reason": "We are full in March."])
            #expect(try await scene.view(id).phase == "declined")
            try await scene.act(scene.host, id, "accept", expect: .conflict)
        }
    }
}
