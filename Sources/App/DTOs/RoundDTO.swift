import Vapor

/// A matching round: its proposals, what they cost each partnership, and the bound the optimiser proved.
struct RoundDTO: Content {
    let id: UUID
    /// Nil for a round over every partnership.
    let partnership: String?
    let partnershipName: String?
    let createdAt: Date?
    let sentAt: Date?
    /// The sum of the proposals' scores.
    let objective: Double
    /// A proven upper bound on the best possible sum: no choice of pairs can do better.
    let bound: Double
    /// (bound − objective) / bound.
    let gap: Double
    let method: String
    let visitors: Int
    let candidates: Int
    let proposals: [RoundProposalDTO]
    let budgets: [RoundBudgetDTO]
}
