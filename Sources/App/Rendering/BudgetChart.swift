import ProgrammeRules

/// A partnership's budget as a bar (paid, reserved, available, in per mille of the budget) and as
/// words, with its progress towards the target number of exchanges.
struct BudgetChart: Encodable {
    let partnership: String
    let name: String
    let total: String
    let paid: String
    let reserved: String
    let available: String
    let paidShare: Int
    let reservedShare: Int
    let fundedExchanges: Int
    let targetExchanges: Int
    /// Funded exchanges as a share of the target, in per cent (at most 100 for the bar).
    let progress: Int

    init(_ budget: BudgetDTO, fundedExchanges: Int) {
        let euros = { (cents: Int) in Money.format(cents: cents, currency: "EUR") }
        let share = { (cents: Int) in
            budget.budgetCents > 0 ? Int(Int64(max(0, cents)) * 1_000 / Int64(budget.budgetCents)) : 0
        }
        partnership = budget.partnership
        name = budget.name
        total = euros(budget.budgetCents)
        paid = euros(budget.paidCents)
        reserved = euros(budget.reservedCents)
        available = euros(budget.availableCents)
        paidShare = min(1_000, share(budget.paidCents))
        reservedShare = min(1_000 - paidShare, share(budget.reservedCents))
        self.fundedExchanges = fundedExchanges
        targetExchanges = budget.targetExchanges
        progress = budget.targetExchanges > 0 ? min(100, fundedExchanges * 100 / budget.targetExchanges) : 0
    }
}
