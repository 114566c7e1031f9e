import Fluent
import ProgrammeRules
import Vapor

/// The daily reminders, run once a day across all instances (`PeriodicJobs`): a proposal
/// unanswered for 3 days, signatures missing from two weeks before the stay, a report due after the stay,
/// a payment past its 10 days (flagged to the partnership and the support office). Each kind is
/// sent again at most every 3 days.
struct Reminders {
    let context: ServiceContext

    private var db: any Database { context.db }

    static let every = 3

    /// Sends what is due today; returns how many reminders went out.
    @discardableResult
    func run() async throws -> Int {
        let today = context.clock.today
        let open = try await Exchange.query(on: db)
            .filter(\.$phase ~~ [.proposed, .accepted, .signing, .underWay, .reportReturned, .reportValidated]).all()
        var sent = 0
        for exchange in open {
            guard let (kind, roles, text) = try await due(exchange, today: today) else { continue }
            let id = try exchange.requireID()
            if let last = try await ExchangeReminder.query(on: db).filter(\.$exchange.$id == id).filter(\.$kind == kind).first(),
                last.sentOn.adding(days: Self.every) > today
            {
                continue
            }
            let linkBase = context.linkBase
            try await db.transaction { tx in
                let notifier = Notifier(db: tx, linkBase: linkBase)
                var people = Set<UUID>()
                for role in roles {
                    switch role {
                    case .visitor: people.formUnion(try await notifier.members(of: [exchange.$visitor.id]))
                    case .host: people.formUnion(try await notifier.members(of: [exchange.$host.id]))
                    case .visitorPartnership:
                        people.formUnion(try await notifier.coordinators(of: [exchange.$visitorPartnership.id]))
                    case .hostPartnership: people.formUnion(try await notifier.coordinators(of: [exchange.$hostPartnership.id]))
                    case .supportOffice: people.formUnion(try await notifier.supportOffice())
                    }
                }
                try await notifier.tell(
                    people, subject: "Reminder: \(exchange.requestTitle)", text: text, link: "/exchanges/\(id)")
                try await ExchangeReminder.query(on: tx).filter(\.$exchange.$id == id).filter(\.$kind == kind).delete()
                try await ExchangeReminder(exchangeID: id, kind: kind, sentOn: today).create(on: tx)
            }
            sent += 1
        }
        return sent
    }

    /// The reminder the exchange needs today, if any: its kind, who, and what they read.
    private func due(_ exchange: Exchange, today: CalendarDate) async throws -> (String, [ExchangeRole], String)? {
        let pair = try await ExchangeNotices.name(of: exchange, on: db)
        switch exchange.phase {
        case .proposed:
            let proposedOn = exchange.proposedOn
            guard proposedOn.adding(days: Self.every) <= today else { return nil }
            let answering: ExchangeRole = exchange.proposedBy == .visitor ? .host : .visitor
            return (
                "unanswered", [answering],
                "\(pair): the proposal waits for your answer since \(proposedOn). Accept or decline it."
            )
        case .accepted, .signing:
            let signBy = exchange.start.adding(days: -7)
            guard today >= signBy.adding(days: -7) else { return nil }
            let lifecycle = try await context.exchanges.lifecycle(exchange)
            let missing = Set(lifecycle.missingSignatures.map(\.role) + lifecycle.missingFinancialSignatures.map(\.role))
            guard !missing.isEmpty else {
                return (
                    "funding", [.visitorPartnership], "\(pair): everything is signed; approve the funding by \(signBy.words)."
                )
            }
            return (
                "signatures", Array(missing),
                "\(pair): your signature is still missing; the stay starts on \(exchange.start.words)."
            )
        case .underWay, .reportReturned:
            guard today > exchange.end else { return nil }
            return (
                "report", [.visitor],
                "\(pair): the stay ended on \(exchange.end.words). Submit the closing report with its evidence."
            )
        case .reportValidated:
            guard let validated = exchange.reportValidatedOn, today > validated.adding(days: Exchanges.paymentDays) else {
                return nil
            }
            return (
                "late-payment", [.visitorPartnership, .supportOffice],
                "\(pair): the lump sum is late: the report was validated on \(validated.words) and payment was due within "
                    + "\(Exchanges.paymentDays) days."
            )
        default:
            return nil
        }
    }
}

extension ServiceContext {
    var reminders: Reminders { Reminders(context: self) }
}
