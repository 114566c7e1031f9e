import Fluent
import ProgrammeRules
import Vapor

/// After each step of an exchange, whoever must act next is told what and by when, in the
/// platform and by e-mail; the others learn what happened.
struct ExchangeNotices {
    let db: any Database
    let linkBase: String
    /// The exchange's name, "Lyon Photonics Cluster at Munich Laser Centre" (`name(of:on:)`).
    let pair: String

    func after(
        _ action: ExchangeAction, exchange: Exchange, next: ExchangeLifecycle, by caller: Caller, detail: String,
        today: CalendarDate
    ) async throws {
        let notifier = Notifier(db: db, linkBase: linkBase)
        let id = try exchange.requireID()
        let link = "/exchanges/\(id)"
        let visitor = try await notifier.members(of: [exchange.$visitor.id])
        let host = try await notifier.members(of: [exchange.$host.id])
        let visitorPartnership = try await notifier.coordinators(of: [exchange.$visitorPartnership.id])
        let hostPartnership = try await notifier.coordinators(of: [exchange.$hostPartnership.id])
        let everyone = visitor.union(host).union(visitorPartnership).union(hostPartnership)
        var told: [(Set<UUID>, String)] = []
        let signBy = exchange.start.adding(days: -7)
        switch action {
        case .accept:
            told.append(
                (
                    everyone,
                    "\(pair): the proposal is accepted. Next: write the Commitment to Quality, then the four parties sign it "
                        + "by \(signBy.words)."
                ))
        case .decline:
            told.append(
                (exchange.proposedBy == .visitor ? visitor : host, "\(pair): the proposal was declined. The reason: \(detail)"))
        case .withdraw:
            told.append((everyone, "\(pair): the exchange was withdrawn.\(detail.isEmpty ? "" : " The reason: \(detail)")"))
        case .dispute:
            told.append(
                (
                    everyone,
                    "\(pair): the host says it did not agree to this match, so it is withdrawn."
                        + (detail.isEmpty ? "" : " The host's words: \(detail)")
                ))
        case .sign, .signFinancialAgreement:
            if next.missingSignatures.isEmpty && next.missingFinancialSignatures.isEmpty {
                told.append((visitorPartnership, "\(pair): everything is signed. Next: approve the funding by \(signBy.words)."))
            } else {
                var missing = Set<UUID>()
                for signatory in next.missingSignatures {
                    missing.formUnion(Self.people(signatory.role, visitor, host, visitorPartnership, hostPartnership))
                }
                for signatory in next.missingFinancialSignatures {
                    missing.formUnion(Self.people(signatory.role, visitor, host, visitorPartnership, hostPartnership))
                }
                told.append((missing, "\(pair): \(caller.name) signed. Your signature is still needed, by \(signBy.words)."))
            }
        case .approveFunding:
            told.append(
                (
                    visitor.union(host),
                    "\(pair): the funding is approved. The stay runs from \(exchange.start.words) to \(exchange.end.words)."
                ))
        case .start:
            told.append(
                (
                    visitor,
                    "\(pair): the stay has started. After it ends on \(exchange.end.words), write and submit the closing "
                        + "report with its evidence, by \(exchange.end.adding(days: 30).words)."
                ))
        case .submitReport:
            told.append(
                (
                    visitorPartnership,
                    "\(pair): the closing report is in. Next: validate it or return it with comments, by "
                        + "\(today.adding(days: 10))."
                ))
        case .returnReport:
            told.append((visitor, "\(pair): the report was returned with comments: \(detail). Change it and submit it again."))
        case .validateReport:
            let due = today.adding(days: Exchanges.paymentDays)
            told.append((visitorPartnership, "\(pair): the report is validated. Next: pay the lump sum by \(due.words)."))
            told.append((visitor, "\(pair): your report is validated; the lump sum is due by \(due.words)."))
        case .pay:
            told.append((visitor, "\(pair): the lump sum is paid (\(detail))."))
        case .cancel:
            told.append((everyone, "\(pair): the exchange was cancelled. The reason: \(detail)"))
        case .editCommitment:
            break
        }
        for (people, text) in told {
            // The subject says what happened, never an order: whoever must act is told so in the text.
            try await notifier.tell(
                people.subtracting([caller.id]), subject: "\(pair): \(action.happened)", text: text, link: link)
        }
    }

    /// The exchange as the pages name it: "Lyon Photonics Cluster at Munich Laser Centre".
    static func name(of exchange: Exchange, on db: any Database) async throws -> String {
        let names = try await Organisation.query(on: db).filter(\.$id ~~ [exchange.$visitor.id, exchange.$host.id]).all()
        let name = { (id: UUID) in names.first { $0.id == id }?.name ?? "" }
        return "\(name(exchange.$visitor.id)) at \(name(exchange.$host.id))"
    }

    static func people(
        _ role: ExchangeRole, _ visitor: Set<UUID>, _ host: Set<UUID>, _ visitorPartnership: Set<UUID>,
        _ hostPartnership: Set<UUID>
    ) -> Set<UUID> {
        switch role {
        case .visitor: visitor
        case .host: host
        case .visitorPartnership: visitorPartnership
        case .hostPartnership: hostPartnership
        case .supportOffice: []
        }
    }
}
