import Vapor

/// Which round to run: one partnership's, or (the support office only) every partnership's.
struct RoundInput: Content {
    var partnership: String?
}

struct RoundProposalDTO: Content {
    let request: String
    let requestTitle: String
    let visitor: String
    let visitorName: String
    let offer: String
    let offerTitle: String
    let host: String
    let hostName: String
    let score: Double
    let costCents: Int
    let reasons: [String]
    let stay: SuggestionDTO.StayDTO
}

/// A partnership's budget against what the round's proposals would cost it.
struct RoundBudgetDTO: Content {
    let partnership: String
    let name: String
    let budgetCents: Int
    let usedCents: Int
}

struct RoundDTO: Content {
    let id: UUID
    /// Nil for a round over every partnership.
    let partnership: String?
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

struct RoundSummaryDTO: Content {
    let id: UUID
    let partnership: String?
    let createdAt: Date?
    let sentAt: Date?
    let objective: Double
    let gap: Double
}
