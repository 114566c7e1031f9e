import ProgrammeRules

extension ExchangeFacts {
    /// The lifecycle as stored: phase, proposer, and the signatures given on the current version
    /// (`signatures` may hold older versions' too; they no longer count).
    func lifecycle(signatures: [some SignatureFacts]) -> ExchangeLifecycle {
        let current = signatures.filter { $0.version == commitmentVersion }
        return ExchangeLifecycle(
            phase: phase, proposedBy: proposedBy,
            signatures: Set(current.filter { $0.document == .commitment }.compactMap { Signatory(rawValue: $0.signatory) }),
            financialSignatures: Set(
                current.filter { $0.document == .financialAgreement }.compactMap { FinancialSignatory(rawValue: $0.signatory) }
            ))
    }

    /// The lump sum is due within 10 days of the report's validation.
    var paymentDue: CalendarDate? { reportValidatedOn?.adding(days: Exchanges.paymentDays) }

    /// Validated, not paid, and past its 10 days.
    func isPaymentLate(on today: CalendarDate) -> Bool {
        phase == .reportValidated && paymentDue.map { today > $0 } == true
    }
}
