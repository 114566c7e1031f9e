import Fluent
import Foundation
import Vapor

/// What came of the demo's paid exchanges, as both organisations answered. The demo's payments are
/// recent, so these answers come earlier than the six months after which the platform asks: they
/// stand for the answers a living platform holds, and fill the statistics' outcomes chart.
struct DemoOutcomes {
    let context: ServiceContext

    /// Writes them once; returns how many answers were written.
    func seed() async throws -> Int {
        let db = context.db
        guard try await ExchangeOutcome.query(on: db).count() == 0 else { return 0 }
        let answers = ExchangeOutcome.Answer.allCases
        var written = 0
        for (index, exchange) in try await Exchange.query(on: db).filter(\.$phase == .paid).sort(\.$proposedOn).all()
            .enumerated()
        {
            for (side, organisation) in [exchange.$visitor.id, exchange.$host.id].enumerated() {
                let outcome = ExchangeOutcome()
                outcome.$exchange.id = try exchange.requireID()
                outcome.$organisation.id = organisation
                outcome.answer = answers[(index + side) % answers.count]
                outcome.note = ""
                outcome.answeredAt = context.clock.now
                try await outcome.create(on: db)
                written += 1
            }
        }
        return written
    }
}
