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
    /// The next step's day in words ("4 April 2027").
    let nextBy: String?
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
    /// The financial-support agreement the visitor and its partnership sign, term by term.
    let agreementTerms: [String]
    /// The lump sum in one sentence ("EUR 780.00: the amount for a stay in Germany, for 5 working
    /// days."), then how it is reached, step by step.
    let lumpSumSentence: String?
    let lumpSumSteps: [String]
    /// The host's rating as five choices ("5 excellent"), the one given checked; the day it was written.
    let ratingChoices: [Choice]
    let hostEvaluatedOn: String?
    /// The stay in words ("1–5 March 2027"), its last day in words.
    let stayWords: String
    let endWords: String

    init(_ exchange: ExchangeDTO, today: CalendarDate, buttons: Bool = true) {
        self.exchange = exchange
        asksOutcome = exchange.phase == .paid && !Set(exchange.roles).isDisjoint(with: ["visitor", "host"])
        self.today = today
        disputeUntil = exchange.disputeUntil.flatMap { until in
            today <= until && [.accepted, .signing].contains(exchange.phase) ? until.words : nil
        }
        lumpSum = Money.format(cents: exchange.lumpSum.amountCents, currency: "EUR")
        agreementTerms = Self.agreementTerms(exchange, lumpSum: lumpSum)
        lumpSumSentence = exchange.lumpSum.reasons.first
        lumpSumSteps = Array(exchange.lumpSum.reasons.dropFirst())
        ratingChoices = (1...5).reversed().map { rating in
            Choice(
                value: String(rating), label: "\(rating) \(HostEvaluationDTO.words[rating - 1])",
                selected: exchange.hostEvaluation?.rating == rating)
        }
        hostEvaluatedOn = exchange.hostEvaluation?.writtenOn.words
        stayWords = CalendarDate.span(exchange.start, exchange.end)
        endWords = exchange.end.words
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
        nextBy = exchange.next?.by?.words
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

    /// The programme's terms (docs/programme-rules.md, "Workflow" and "Money") for this exchange.
    static func agreementTerms(_ exchange: ExchangeDTO, lumpSum: String) -> [String] {
        let amount =
            exchange.lumpSum.frozen
            ? "a lump sum of \(lumpSum), fixed when the funding was approved"
            : "a lump sum of \(lumpSum) as quoted now (\(exchange.lumpSum.table)), "
                + "fixed when the partnership approves the funding"
        return [
            "\(exchange.visitorName), the visitor, receives from \(exchange.visitorPartnershipName), its partnership, \(amount), "
                + "for its stay at \(exchange.hostName) from \(exchange.start.words) to \(exchange.end.words).",
            "The lump sum is a contribution to travel and accommodation. It is a fixed amount: no receipts of costs are "
                + "asked for it, and the visitor buys its own travel.",
            "After the stay the visitor submits a closing report with its evidence: boarding passes or tickets, invoices, "
                + "and the agenda signed by the host.",
            "The partnership validates the report, or returns it with comments to be completed, and pays the lump sum in one "
                + "payment within \(Exchanges.paymentDays) days of validating it.",
            "If the exchange is withdrawn or cancelled before it is paid, nothing is paid and the amount reserved returns "
                + "to the partnership's budget. A visitor organisation is funded for one exchange in the programme.",
            "This agreement goes with version \(exchange.commitmentVersion) of the Commitment to Quality: any change to the "
                + "commitment voids both signatures, which are then given again.",
        ]
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
