import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// A request already proposed by hand is marked in a round, and sending the round does not propose
/// it a second time.
@Suite struct RoundMarkerTests {
    @Test func aRequestAlreadyProposedIsMarkedAndLeftOut() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let byHand = try await scene.propose()
            let coordinator = try await TestBrowser.signedIn(app, "coordinator@pv.example")
            _ = try await coordinator.get("/rounds")
            let run = try await coordinator.post("/rounds", form: ["partnership": "PV"])
            let location = try #require(run.headers.first(name: .location))
            let page = try await coordinator.get(location).body.string
            #expect(page.contains("Learn laser processing"), "the round proposes RV1 again")
            #expect(page.contains(#"Already proposed: this request has <a href="/exchanges/\#(byHand.id)">an open exchange</a>"#))
            #expect(try await coordinator.get(location + "/send").body.string.contains("(left out: already proposed)"))
            _ = try await coordinator.get(location + "/send")
            #expect(try await coordinator.post(location + "/send", form: [:]).status == .seeOther)
            let forRV1 = try await Exchange.query(on: app.db).filter(\.$requestKey == "RV1").count()
            #expect(forRV1 == 1)
        }
    }
}
