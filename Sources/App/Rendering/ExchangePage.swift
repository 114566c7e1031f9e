import Foundation
import ProgrammeRules

/// An exchange as its page shows it: words rather than codes, names rather than e-mails, and the
/// actions the reader may take as buttons.
struct ExchangePage: Encodable {
    struct Button: Encodable {
        let action: String
        let label: String
        let needsReason: Bool
        let reasonRequired: Bool
        let isPayment: Bool
        /// Ends the exchange: it comes last, looks different and asks first ("Yes, withdraw").
        let isDestructive: Bool
        let confirmLabel: String
    }

    struct HistoryLine: Encodable {
        let at: Date
        let what: String
        let who: String
        let change: String?
        let detail: String
    }

    struct SignatureLine: Encodable {
        let document: String
        let party: String
        let who: String
        let at: Date
    }

    struct Party: Encodable {
        let words: String
        let signed: Bool
    }

    let exchange: ExchangeDTO
    let lumpSum: String
    let previousLumpSum: String?
    let buttons: [Button]
    /// The other organisation's key, to write to.
    let counterpart: String?
    let today: CalendarDate
    /// "the host and the visitor's partnership".
    let nextWho: String
    let yourRoles: String
    let signatures: [SignatureLine]
    /// The four parties of the commitment and the two of the agreement, signed or not.
    let commitmentParties: [Party]
    let agreementParties: [Party]
    let history: [HistoryLine]
    /// The visitor's partnership's coordinators and the support office see its budget.
    let seesBudget: Bool

    /// For a stay in person: how far apart the two are, and the train suggested under 500 km.
    var travel: String? = nil
    /// The visitor or the host of a paid exchange says what came of it.
    let asksOutcome: Bool
    /// Until when the host may dispute a match entered for it as agreed offline, in words.
    let disputeUntil: String?

    init(_ exchange: ExchangeDTO, today: CalendarDate, buttons: Bool = true) {
        self.exchange = exchange
        asksOutcome = exchange.phase == .paid && !Set(exchange.roles).isDisjoint(with: ["visitor", "host"])
        self.today = today
        disputeUntil = exchange.disputeUntil.flatMap { until in
            today <= until && [.accepted, .signing].contains(exchange.phase) ? until.words : nil
        }
        lumpSum = Money.format(cents: exchange.lumpSum.amountCents, currency: "EUR")
        previousLumpSum = exchange.lumpSum.previousAmountCents.map { Money.format(cents: $0, currency: "EUR") }
        let roles = Set(exchange.roles)
        counterpart = roles.contains("visitor") ? exchange.host : roles.contains("host") ? exchange.visitor : nil
        let made =
            buttons
            ? exchange.actions.compactMap { name in
                ExchangeAction(wireName: name).map { action in
                    Button(
                        action: name, label: action.words.prefix(1).uppercased() + action.words.dropFirst(),
                        needsReason: [.decline, .returnReport, .cancel, .withdraw, .dispute].contains(action),
                        reasonRequired: [.decline, .returnReport, .cancel].contains(action), isPayment: action == .pay,
                        isDestructive: [.decline, .withdraw, .dispute, .cancel].contains(action),
                        confirmLabel: "Yes, \(action.words)")
                }
            } : []
        // What moves the exchange on first; what ends it last.
        self.buttons = made.filter { !$0.isDestructive } + made.filter(\.isDestructive)
        seesBudget = roles.contains("visitor-partnership") || roles.contains("support-office")
        nextWho = Self.list(exchange.next?.who.map(Self.role) ?? [])
        yourRoles = Self.list(exchange.roles.map(Self.role))
        signatures = exchange.signed.map { signature in
            SignatureLine(
                document: signature.document == "commitment" ? "Commitment to Quality" : "Financial-support agreement",
                party: Self.role(signature.signatory), who: signature.name, at: signature.at)
        }
        commitmentParties = Signatory.allCases.map {
            Party(words: Self.role($0.rawValue), signed: exchange.signatures.contains($0.rawValue))
        }
        agreementParties = FinancialSignatory.allCases.map {
            Party(words: Self.role($0.rawValue), signed: exchange.financialSignatures.contains($0.rawValue))
        }
        history = exchange.history.map { entry in
            HistoryLine(
                at: entry.at, what: Self.action(entry.action),
                who: entry.name + (ExchangeRole(rawValue: entry.role).map { ", for \($0.words)" } ?? ""),
                change: entry.from == entry.to ? nil : "from \(entry.from.words) to \(entry.to.words)", detail: entry.detail)
        }
    }

    /// "the visitor's partnership" for "visitor-partnership".
    static func role(_ code: String) -> String {
        ExchangeRole(rawValue: code)?.words ?? code
    }

    /// What a history line records, in words.
    static func action(_ code: String) -> String {
        if let action = ExchangeAction(wireName: code) { return action.words.prefix(1).uppercased() + action.words.dropFirst() }
        switch code {
        case "propose": return "Proposed the exchange"
        case "enter-agreed-match": return "Entered a match agreed offline"
        case "edit-commitment": return "Changed the Commitment to Quality"
        case "write-report": return "Wrote the closing report"
        case "upload-evidence": return "Added evidence"
        default: return code
        }
    }

    /// "a, b and c".
    static func list(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " and " + last
    }
}
