import Fluent
import Matching
import ProgrammeRules
import SQLKit
import Vapor

extension Exchanges {
    /// Takes an action of the lifecycle (`POST /api/v1/exchanges/{id}/actions/{action}`). A refused
    /// action changes nothing: 404 for someone who may not see the exchange, 403 for a party who
    /// may not take it, 409 when the phase, a signature already given, the dates, the budget or a
    /// funding already given do not allow it, 422 for invalid input.
    func act(_ id: UUID, action name: String, _ input: ActionInput) async throws -> ExchangeDTO {
        guard let action = ExchangeAction(wireName: name), action != .editCommitment else {
            throw AppError.notFound("There is no action \"\(name.prefix(60))\" on an exchange.")
        }
        let caller = try context.signedIn()
        let (exchange, _, roles) = try await visible(id)
        let lifecycle = try await lifecycle(exchange)
        let permitted = lifecycle.permittedRoles(for: action)
        guard let role = ExchangeRole.allCases.first(where: { roles.contains($0) && permitted.contains($0) }) else {
            let yours = roles.map(\.words).sorted().joined(separator: " and ")
            let theirs = permitted.map(\.words).sorted().joined(separator: " or ")
            throw AppError.forbidden("You take part in this exchange as \(yours); only \(theirs) may \(action.words).")
        }
        let next: ExchangeLifecycle
        do {
            next = try lifecycle.applying(action, by: role)
        } catch {
            throw error.code == .roleNotPermitted
                ? AppError.forbidden(error.reason) : AppError.conflict("action", error.code.rawValue, error.reason)
        }
        let today = context.clock.today
        var c = InputChecker()
        var detail = ""
        switch action {
        case .decline, .returnReport, .cancel:
            detail = c.text(input.reason, "reason", required: true, max: 2_000)
            if !detail.isEmpty && detail.unicodeScalars.count < 5 {
                c.fail("reason", "reason-required", "say why, in a few words")
            }
        case .withdraw, .dispute:
            detail = c.text(input.reason, "reason", required: false, max: 2_000)
        case .pay:
            let reference = c.text(input.reference, "reference", required: true, max: 200)
            let paidOn = input.paidOn.map { c.date($0, "paidOn") } ?? today
            if let paidOn, paidOn > today {
                c.fail("paidOn", "date-future", "a payment is recorded once made, on or before today")
            }
            detail = "\(paidOn?.description ?? "") \(reference)"
        default: break
        }
        if !c.problems.isEmpty { throw AppError.invalid(c.problems) }
        if let refusal = Self.refusal(of: action, on: exchange, today: today) { throw refusal }
        if action == .start, today < exchange.start {
            throw AppError.conflict(
                "action", "stay-not-started", "The stay starts on \(exchange.start.words); mark it started from that day.")
        }
        if action == .submitReport, exchange.reportOutcomes.isEmpty {
            throw AppError.conflict("action", "report-empty", "Write the closing report before you submit it.")
        }
        if action == .accept || action == .approveFunding {
            try await recheck(exchange, conflict: true)
        }
        try await write(exchange, action: action, role: role, next: next, detail: detail, input: input, by: caller)
        return try await view(id)
    }

    /// Why an action the lifecycle allows cannot be taken on this exchange today (409), if it cannot:
    /// the exchange's `actions` leave it out, and taking it is refused.
    static func refusal(of action: ExchangeAction, on exchange: Exchange, today: CalendarDate) -> AppError? {
        switch action {
        case .submitReport where today <= exchange.end:
            return .conflict(
                "action", "stay-not-ended", "The closing report comes after the stay, which ends on \(exchange.end.words).")
        case .dispute:
            guard let until = exchange.disputeUntil else {
                return .conflict(
                    "action", "not-disputable", "Only a match entered as agreed offline by the visitor's side can be disputed.")
            }
            guard today <= until else {
                return .conflict("action", "dispute-closed", "A match can be disputed until \(until.words); withdraw it instead.")
            }
            return nil
        case .sign, .signFinancialAgreement:
            guard exchange.commitmentWritten else {
                return .conflict(
                    "action", "commitment-incomplete",
                    "Write the goals and the agenda of the Commitment to Quality together before anyone signs it.")
            }
            return nil
        default:
            return nil
        }
    }

    /// Writes a transition: the conditional change of phase, the signature or the money, and the
    /// history line, in one transaction; then tells whoever acts next.
    private func write(
        _ exchange: Exchange, action: ExchangeAction, role: ExchangeRole, next: ExchangeLifecycle, detail: String,
        input: ActionInput, by caller: Caller
    ) async throws {
        let id = try exchange.requireID()
        let from = exchange.phase
        let now = context.clock.now
        let today = context.clock.today
        let settings = try await context.settings.current()
        let rules = context.matching.rules
        let visitorKey = try await exchange.$visitor.get(on: db).key
        // Read before the transaction: approvals queue on the partnership's lock.
        let name = try await ExchangeNotices.name(of: exchange, on: db)
        let body: @Sendable (any Database) async throws -> Void = { tx in
            var line = detail
            // The budget and funded-once checks come before any write, so their refusal is the one given.
            if action == .approveFunding {
                line = try await Self.reserve(exchange, settings: settings, rules: rules, by: caller, at: now, on: tx)
            }
            let moved = try await tx.sql().update(Exchange.schema).set("phase", to: next.phase.rawValue).set(
                "updated_at", to: now
            )
            .where("id", .equal, id).where("phase", .equal, from.rawValue).returning("id").all()
            guard !moved.isEmpty else {
                throw AppError.conflict(
                    "action", "changed-meanwhile", "The exchange changed a moment ago: reload it and try again.")
            }
            switch action {
            case .sign(let signatory):
                try await Self.sign(
                    id, .commitment, signatory.rawValue, version: exchange.commitmentVersion, by: caller, at: now, on: tx)
                line = "Commitment to Quality, version \(exchange.commitmentVersion)"
            case .signFinancialAgreement(let signatory):
                try await Self.sign(
                    id, .financialAgreement, signatory.rawValue, version: exchange.commitmentVersion, by: caller, at: now, on: tx)
                line = "financial-support agreement, version \(exchange.commitmentVersion)"
            case .pay:
                let amount = exchange.fundedCents ?? 0
                try await LedgerEntry(
                    partnershipID: exchange.$visitorPartnership.id, exchangeID: id, kind: .pay, amountCents: amount,
                    userID: caller.id,
                    at: now
                ).create(on: tx)
                let paidOn = input.paidOn.flatMap(CalendarDate.init(iso:)) ?? today
                try await Exchange.query(on: tx).filter(\.$id == id).set(\.$paidOn, to: paidOn)
                    .set(\.$paymentReference, to: input.reference?.trimmingCharacters(in: .whitespaces)).update()
                line =
                    "\(Money.format(cents: amount, currency: "EUR")) paid on \(paidOn.words), reference \(input.reference ?? "")"
            case .cancel where from.holdsReservation:
                try await LedgerEntry(
                    partnershipID: exchange.$visitorPartnership.id, exchangeID: id, kind: .release,
                    amountCents: exchange.fundedCents ?? 0, userID: caller.id, at: now
                ).create(on: tx)
                try await Exchange.query(on: tx).filter(\.$id == id).set(\.$closingReason, to: detail).update()
                line = "\(detail) (\(Money.format(cents: exchange.fundedCents ?? 0, currency: "EUR")) released)"
            case .decline, .withdraw, .dispute, .cancel:
                try await Exchange.query(on: tx).filter(\.$id == id).set(\.$closingReason, to: detail.isEmpty ? nil : detail)
                    .update()
            case .returnReport:
                try await Exchange.query(on: tx).filter(\.$id == id).set(\.$reportComments, to: detail).update()
            case .validateReport:
                try await Exchange.query(on: tx).filter(\.$id == id).set(\.$reportValidatedOn, to: today).update()
                line = "payment due by \(today.adding(days: Self.paymentDays).words)"
            default: break
            }
            try await ExchangeEvent(
                exchangeID: id, action: action.description, from: from, to: next.phase, userID: caller.id, by: caller.email,
                role: role.rawValue, detail: line, at: now
            ).create(on: tx)
            // What the matching engine knows of the visitor (funded) and the offer (places) may change.
            try await MatchingChange(entity: .organisation, key: visitorKey).create(on: tx)
            try await MatchingChange(entity: .offer, key: exchange.offerKey).create(on: tx)
            try await ExchangeNotices(db: tx, linkBase: context.linkBase, pair: name).after(
                action, exchange: exchange, next: next, by: caller, detail: detail, today: today)
        }
        if action == .approveFunding || action == .pay || (action == .cancel && from.holdsReservation) {
            try await WriteLock.run(row: Partnership.schema, exchange.$visitorPartnership.id, on: db, body)
        } else {
            try await db.transaction(body)
        }
        context.matching.markStale()
    }

    /// The days a partnership has to pay once it validated the report.
    static let paymentDays = 10

    private static func sign(
        _ id: UUID, _ document: ExchangeSignature.Document, _ signatory: String, version: Int, by caller: Caller, at now: Date,
        on db: any Database
    ) async throws {
        do {
            try await ExchangeSignature(
                exchangeID: id, document: document, signatory: signatory, version: version, userID: caller.id,
                email: caller.email,
                at: now
            ).create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError.conflict("action", "already-signed", "The \(signatory) has already signed this version.")
        }
    }

    /// Approving funding, inside the partnership's lock: quotes the lump sum with the rate table in
    /// force, refuses when the available budget is below it or the visitor is already funded,
    /// freezes amount, table and reasons with the exchange, and reserves the amount.
    private static func reserve(
        _ exchange: Exchange, settings: ProgrammeSettingsDTO, rules: EligibilityRules, by caller: Caller, at now: Date,
        on tx: any Database
    ) async throws -> String {
        let id = try exchange.requireID()
        guard let partnership = try await Partnership.find(exchange.$visitorPartnership.id, on: tx) else {
            throw AppError.notFound("The exchange's partnership is gone.")
        }
        let funded = try await Exchange.query(on: tx).filter(\.$visitor.$id == exchange.$visitor.id)
            .filter(\.$phase ~~ ExchangeChecks.funded).filter(\.$id != id).count()
        if funded > 0 {
            throw AppError.conflict(
                "action", RuleID.alreadyFunded.rawValue,
                "The visitor organisation already has a funded exchange; each is funded once.")
        }
        let visitor = try await exchange.$visitor.get(on: tx)
        let host = try await exchange.$host.get(on: tx)
        let quote = try ExchangeQuote.quote(
            visitor: visitor, host: host, stay: exchange.stay, isVirtual: exchange.isVirtual, settings: settings, rules: rules)
        let balance = try await Ledger.balance(of: partnership, on: tx)
        guard balance.availableCents >= quote.amountCents else {
            throw AppError.conflict(
                "action", "budget-exceeded",
                "\(partnership.name) has \(Money.format(cents: balance.availableCents, currency: "EUR")) left, "
                    + "less than the lump sum of \(Money.format(cents: quote.amountCents, currency: "EUR")).")
        }
        try await LedgerEntry(
            partnershipID: try partnership.requireID(), exchangeID: id, kind: .reserve, amountCents: quote.amountCents,
            userID: caller.id,
            at: now
        ).create(on: tx)
        try await Exchange.query(on: tx).filter(\.$id == id)
            .set(\.$fundedCents, to: quote.amountCents).set(\.$fundedTable, to: quote.table)
            .set(\.$fundedReasons, to: quote.reasons.joined(separator: "\n"))
            .set(\.$quoteCents, to: quote.amountCents).set(\.$quoteReasons, to: quote.reasons.joined(separator: "\n"))
            .set(\.$quoteTable, to: quote.table).set(\.$previousQuoteCents, to: nil).update()
        return "\(Money.format(cents: quote.amountCents, currency: "EUR")) reserved (\(quote.table))"
    }

    /// The programme's rules, asked again (at acceptance and at funding approval): a change since
    /// the proposal (a place taken, a funding given, a country's participation) is a conflict.
    /// New dates (`withNotice`) must also leave the programme's notice.
    func recheck(_ exchange: Exchange, conflict: Bool, withNotice: Bool = false) async throws {
        let visitor = try await exchange.$visitor.get(on: db)
        let host = try await exchange.$host.get(on: db)
        let request = try await exchange.$request.get(on: db)
        let offer = try await exchange.$offer.get(on: db)
        let settings = try await context.settings.current()
        let problems = try await ExchangeChecks(db: db, rules: context.matching.rules).violations(
            visitor: visitor, host: host, request: request, offer: offer, stay: exchange.stay, isVirtual: exchange.isVirtual,
            virtualAllowed: settings.virtualExchanges, today: context.clock.today,
            notice: withNotice ? StayNotice(today: context.clock.today, workingDays: settings.noticeWorkingDays) : nil,
            exchangeID: try exchange.requireID())
        guard let first = problems.first else { return }
        let message = problems.map(\.message).joined(separator: " ")
        throw conflict
            ? AppError.conflict(FieldProblem(first.field, first.rule, message))
            : AppError.ruleBroken(rule: first.rule, field: first.field, message: message)
    }
}

extension ExchangeRole {
    /// "the visitor's partnership".
    var words: String {
        switch self {
        case .visitor: "the visitor"
        case .host: "the host"
        case .visitorPartnership: "the visitor's partnership"
        case .hostPartnership: "the host's partnership"
        case .supportOffice: "the support office"
        }
    }
}

extension ExchangeAction {
    /// What happened, for a message's subject: "the host signed the Commitment to Quality".
    var happened: String {
        switch self {
        case .accept: "the proposal is accepted"
        case .decline: "the proposal is declined"
        case .withdraw: "the exchange is withdrawn"
        case .dispute: "the host disputed the match, which is withdrawn"
        case .editCommitment: "the Commitment to Quality changed"
        case .sign(let signatory): "\(signatory.role.words) signed the Commitment to Quality"
        case .signFinancialAgreement(let signatory): "\(signatory.role.words) signed the financial-support agreement"
        case .approveFunding: "the funding is approved"
        case .start: "the stay has started"
        case .submitReport: "the closing report is in"
        case .returnReport: "the report is returned with comments"
        case .validateReport: "the report is validated"
        case .pay: "the lump sum is paid"
        case .cancel: "the exchange is cancelled"
        }
    }

    /// "sign the Commitment to Quality as the host".
    var words: String {
        switch self {
        case .accept: "accept the proposal"
        case .decline: "decline the proposal"
        case .withdraw: "withdraw"
        case .dispute: "dispute the match (it is withdrawn)"
        case .editCommitment: "change the Commitment to Quality"
        case .sign(let signatory): "sign the Commitment to Quality as \(signatory.role.words)"
        case .signFinancialAgreement(let signatory): "sign the financial-support agreement as \(signatory.role.words)"
        case .approveFunding: "approve the funding"
        case .start: "mark the stay as started"
        case .submitReport: "submit the closing report"
        case .returnReport: "return the report"
        case .validateReport: "validate the report"
        case .pay: "record the payment"
        case .cancel: "cancel the exchange"
        }
    }
}
