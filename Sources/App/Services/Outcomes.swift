import Fluent
import Foundation
import ProgrammeRules
import Vapor

/// Six months after an exchange is paid, both organisations are asked what came of it ("no further
/// contact", "negotiation started", "cooperation agreement reached"); the answers feed the statistics.
struct Outcomes {
    let context: ServiceContext

    private var db: any Database { context.db }

    /// How long after the payment the question is asked.
    static let askAfterDays = 182

    /// Asks every paid exchange old enough that was not asked yet; returns how many questions went out.
    func askDue() async throws -> Int {
        let due = context.clock.today.adding(days: -Self.askAfterDays)
        let exchanges = try await Exchange.query(on: db).filter(\.$phase == .paid).filter(\.$paidOn <= due).with(\.$visitor)
            .with(\.$host).limit(1_000).all()
        guard !exchanges.isEmpty else { return 0 }
        // Only these exchanges' questions, not every question ever asked.
        let asked = Set(
            try await ExchangeOutcome.query(on: db).filter(\.$exchange.$id ~~ exchanges.compactMap(\.id)).all()
                .map { "\($0.$exchange.id):\($0.$organisation.id)" })
        var count = 0
        for exchange in exchanges {
            let id = try exchange.requireID()
            for (organisation, other) in [(exchange.visitor, exchange.host), (exchange.host, exchange.visitor)] {
                let organisationID = try organisation.requireID()
                guard !asked.contains("\(id):\(organisationID)") else { continue }
                try await db.transaction { tx in
                    let outcome = ExchangeOutcome()
                    outcome.$exchange.id = id
                    outcome.$organisation.id = organisationID
                    outcome.note = ""
                    try await outcome.create(on: tx)
                    let notifier = Notifier(db: tx, linkBase: context.linkBase)
                    try await notifier.tell(
                        try await notifier.members(of: [organisationID]),
                        subject: "What came of your exchange with \(other.name)?",
                        text:
                            "Six months on, what came of \(organisation.name)'s exchange with \(other.name)? One click tells us.",
                        link: "/exchanges/\(id)/outcome")
                }
                count += 1
            }
        }
        return count
    }

    struct Form: Encodable {
        let exchange: UUID
        let organisationName: String
        let otherName: String
        let answer: String?
        let note: String
        let choices: [Choice]
    }

    /// The question as the caller answers it, for their side of the exchange.
    func form(_ id: UUID) async throws -> Form {
        let (_, outcome, mine, other) = try await side(id)
        return Form(
            exchange: id, organisationName: mine.name, otherName: other.name, answer: outcome?.answer?.rawValue,
            note: outcome?.note ?? "",
            choices: ExchangeOutcome.Answer.allCases.map {
                Choice(value: $0.rawValue, label: $0.words, selected: outcome?.answer == $0)
            })
    }

    /// Records (or changes) the caller's side's answer.
    func answer(_ id: UUID, answer text: String?, note noteText: String?) async throws -> String {
        let caller = try context.signedIn()
        var c = InputChecker()
        let answerName = c.text(text, "answer", required: true, max: 40)
        let note = c.text(noteText, "note", required: false, max: 2_000)
        let answer = ExchangeOutcome.Answer(rawValue: answerName)
        if answer == nil && !answerName.isEmpty {
            c.fail("answer", "one-of", "choose no further contact, negotiation started or cooperation agreement reached")
        }
        if !c.problems.isEmpty { throw AppError.invalid(c.problems) }
        let (exchange, existing, mine, other) = try await side(id)
        let outcome = existing ?? ExchangeOutcome()
        outcome.$exchange.id = try exchange.requireID()
        outcome.$organisation.id = try mine.requireID()
        outcome.answer = answer
        outcome.note = note
        outcome.answeredBy = caller.id
        outcome.answeredAt = context.clock.now
        try await outcome.save(on: db)
        return "Thank you: \(answer?.words.lowercased() ?? "") with \(other.name) is recorded for the statistics."
    }

    /// The exchange, the caller's side's outcome row, their organisation and the other one; paid
    /// exchanges only, and only for members of one of the two organisations.
    private func side(_ id: UUID) async throws -> (Exchange, ExchangeOutcome?, Organisation, Organisation) {
        let (exchange, _, roles) = try await context.exchanges.visible(id)
        guard exchange.phase == .paid else {
            throw AppError.conflict("exchange", "not-paid", "the question comes six months after the payment")
        }
        try await exchange.$visitor.load(on: db)
        try await exchange.$host.load(on: db)
        let (mine, other): (Organisation, Organisation)
        if roles.contains(.visitor) {
            (mine, other) = (exchange.visitor, exchange.host)
        } else if roles.contains(.host) {
            (mine, other) = (exchange.host, exchange.visitor)
        } else {
            throw AppError.forbidden("Only the two organisations say what came of their exchange.")
        }
        let outcome = try await ExchangeOutcome.query(on: db).filter(\.$exchange.$id == id)
            .filter(\.$organisation.$id == mine.requireID()).first()
        return (exchange, outcome, mine, other)
    }
}

extension ServiceContext {
    var outcomes: Outcomes { Outcomes(context: self) }
}
