import Vapor

/// A partnership's budget against what the round's proposals would cost it.
struct RoundBudgetDTO: Content {
    let partnership: String
    let name: String
    let budgetCents: Int
    /// What the ledger leaves: the most the round could spend.
    let availableCents: Int
    let usedCents: Int
}
