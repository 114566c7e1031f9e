import Fluent
import Foundation
import Vapor

@testable import App

/// Many exchanges ready for funding, for the concurrency tests: `count` visitors of partnership
/// PV (one each, so the visitor-funded-once rule never decides), hosts of PH with ten places each,
/// every exchange entered as agreed offline by the support office and then signed by the four
/// parties and the two of the financial agreement (the signature rows written directly).
enum ExchangeFixtures {
    struct Prepared {
        let ids: [UUID]
        /// The lump sum of each (the same stay, the same two cities).
        let amountCents: Int
        let coordinator: APIClient
    }

    static func signedExchanges(_ app: Application, count: Int) async throws -> Prepared {
        let hosts = (count + 9) / 10
        // One template line per kind (Fixtures/exchange-fixtures.jsonl), numbered with "#".
        let templates = Fixture.text("exchange-fixtures.jsonl").split(separator: "\n").map(String.init)
        func numbered(_ prefix: String, _ count: Int) -> [String] {
            let template = templates.filter { $0.contains("\"type\":\"\(prefix)") }
            return (0..<count).flatMap { n in template.map { $0.replacingOccurrences(of: "#", with: "\(n)") } }
        }
        let lines =
            numbered("partnership", 1) + numbered("organisation\",\"key\":\"H", hosts) + numbered("offer", hosts)
            + numbered("organisation\",\"key\":\"V", count) + numbered("request", count)
        _ = try await ImportCommand.importText(lines.joined(separator: "\n"), into: app.db)
        ExchangeScene.setToday(app, "2027-01-11")
        let admin = try await makeUser(app, "admin@example.eu", role: .admin)
        let coordinator = try await APIClient.signedIn(app, "coordinator@pv.example", role: .coordinator, partnership: "PV")
        guard let caller = Caller(admin) else { throw Abort(.internalServerError) }
        let context = app.context.acting(as: caller)
        var ids: [UUID] = []
        for v in 0..<count {
            var input = ExchangeInput()
            input.request = "RV\(v)"
            input.offer = "FH\(v % hosts)"
            input.start = "2027-03-01"
            input.end = "2027-03-05"
            input.goals = "Learn."
            input.agreedOffline = true
            let exchange = try await context.exchanges.propose(input)
            let signatures: [(ExchangeSignature.Document, String)] =
                ["host", "host-partnership", "visitor", "visitor-partnership"].map { (.commitment, $0) }
                + ["visitor", "visitor-partnership"].map { (.financialAgreement, $0) }
            for (document, signatory) in signatures {
                try await ExchangeSignature(
                    exchangeID: exchange.id, document: document, signatory: signatory, version: 1, userID: caller.id,
                    email: caller.email, at: Date()
                ).create(on: app.db)
            }
            try await Exchange.query(on: app.db).filter(\.$id == exchange.id).set(\.$phase, to: .signing).update()
            ids.append(exchange.id)
        }
        let amounts = Set(try await Exchange.query(on: app.db).all().map(\.quoteCents))
        guard amounts.count == 1, let amount = amounts.first, amount > 0 else {
            throw Abort(.internalServerError, reason: "\(amounts)")
        }
        return Prepared(ids: ids, amountCents: amount, coordinator: coordinator)
    }
}
