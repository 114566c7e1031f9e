import ProgrammeRules

/// Who must act next on an exchange, what, and by when.
enum NextStep {
    static func of(_ exchange: some ExchangeFacts, lifecycle: ExchangeLifecycle, today: CalendarDate) -> NextStepDTO? {
        guard var step = due(exchange, lifecycle: lifecycle) else { return nil }
        // A step past its day says so.
        step.late = step.by.map { $0 < today } ?? false
        return step
    }

    private static func due(_ exchange: some ExchangeFacts, lifecycle: ExchangeLifecycle) -> NextStepDTO? {
        let signBy = exchange.start.adding(days: -7)
        switch exchange.phase {
        case .proposed:
            let answering: ExchangeRole = exchange.proposedBy == .visitor ? .host : .visitor
            return NextStepDTO(
                who: [answering.rawValue], what: "accept or decline the proposal",
                by: exchange.proposedOn.adding(days: Exchanges.answerDays))
        case .accepted, .signing:
            guard exchange.commitmentWritten else {
                return NextStepDTO(
                    who: [ExchangeRole.visitor.rawValue, ExchangeRole.host.rawValue],
                    what: "write the Commitment to Quality together: the goals and a day-by-day agenda; then it is signed",
                    by: signBy, page: "commitment")
            }
            let missing = lifecycle.missingSignatures.map(\.role) + lifecycle.missingFinancialSignatures.map(\.role)
            if missing.isEmpty {
                return NextStepDTO(who: [ExchangeRole.visitorPartnership.rawValue], what: "approve the funding", by: signBy)
            }
            let who = ExchangeRole.allCases.filter(missing.contains).map(\.rawValue)
            // Only what is still unsigned: once the commitment is, the agreement alone is left.
            let documents =
                lifecycle.missingFinancialSignatures.isEmpty
                ? "the Commitment to Quality"
                : lifecycle.missingSignatures.isEmpty
                    ? "the financial-support agreement" : "the Commitment to Quality and the financial-support agreement"
            return NextStepDTO(who: who, what: "sign \(documents)", by: signBy)
        case .fundingApproved:
            return NextStepDTO(
                who: [ExchangeRole.visitor.rawValue], what: "travel, and mark the stay as started", by: exchange.start)
        case .underWay, .reportReturned:
            return NextStepDTO(
                who: [ExchangeRole.visitor.rawValue],
                what: "write and submit the closing report with its evidence, after the stay",
                by: exchange.end.adding(days: 30))
        case .reportSubmitted:
            return NextStepDTO(
                who: [ExchangeRole.visitorPartnership.rawValue], what: "validate the report or return it with comments", by: nil)
        case .reportValidated:
            return NextStepDTO(
                who: [ExchangeRole.visitorPartnership.rawValue], what: "pay the lump sum",
                by: exchange.paymentDue)
        case .paid, .declined, .withdrawn, .cancelled:
            return nil
        }
    }
}
