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
        var lines = [
            #"{"type":"partnership","key":"PV","name":"Visitors","countries":["FR"],"sectors":["C26"],"budgetCents":0,"targetExchanges":100}"#,
            #"{"type":"partnership","key":"PH","name":"Hosts","countries":["DE"],"sectors":["C26"],"budgetCents":0,"targetExchanges":100}"#,
        ]
        for h in 0..<hosts {
            lines.append(
                #"{"type":"organisation","key":"H\#(h)","name":"Host \#(h)","kind":"technology-centre","country":"DE","city":"München","sectors":["C26"],"topics":["lasers"],"description":"A centre.","languages":["en"],"partnership":"PH"}"#
            )
            lines.append(
                #"{"type":"offer","key":"FH\#(h)","host":"H\#(h)","title":"Lasers \#(h)","description":"...","purposes":["learn"],"topics":["lasers"],"availableFrom":"2027-01-05","availableTo":"2027-12-18","capacity":10,"languages":["en"],"virtual":false}"#
            )
        }
        for v in 0..<count {
            lines.append(
                #"{"type":"organisation","key":"V\#(v)","name":"Visitor \#(v)","kind":"cluster-organisation","country":"FR","city":"Lyon","sectors":["C26"],"topics":["lasers"],"description":"A cluster.","languages":["en"],"partnership":"PV"}"#
            )
            lines.append(
                #"{"type":"request","key":"RV\#(v)","visitor":"V\#(v)","title":"Lasers","description":"...","purposes":["learn"],"topics":["lasers"],"earliest":"2027-02-01","latest":"2027-06-30","workingDays":5,"preferredCountries":["DE"],"languages":["en"]}"#
            )
        }
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
        guard amounts.count == 1, let amount = amounts.first, amount > 0 else { throw Abort(.internalServerError, reason: "\(amounts)") }
        return Prepared(ids: ids, amountCents: amount, coordinator: coordinator)
    }
}
