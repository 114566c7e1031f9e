import Vapor

/// A partnership's budget: `budgetCents = reservedCents + paidCents + availableCents`, always.
struct BudgetDTO: Content {
    let partnership: String
    let name: String
    let budgetCents: Int
    let reservedCents: Int
    let paidCents: Int
    let availableCents: Int
    let targetExchanges: Int
}
