/// What `RoundOptimiser.solve` found.
public struct RoundResult: Sendable {
    public enum Method: String, Sendable, CustomStringConvertible {
        case exactMinCostFlow = "exact min-cost flow"
        case lagrangianWithRepair = "Lagrangian relaxation with repair"
        public var description: String { rawValue }
    }

    public struct Budget: Sendable, Equatable {
        public var partnership: String
        /// What the chosen pairs of its visitors cost, in cents.
        public var usedCents: Int64
        /// Its budget in cents, nil when unbudgeted.
        public var budgetCents: Int64?
    }

    public var assignments: [RoundSolution.Assignment]
    /// Sum of the original scores of the chosen pairs.
    public var objective: Double
    /// A proven upper bound on the objective of any feasible choice.
    public var bound: Double
    /// (bound − objective) / bound; 0 when the bound is 0 or the difference is within the
    /// scores' rounding to micro-units (one per visitor).
    public var gap: Double
    public var budgets: [Budget]
    public var method: Method
    /// Inner assignment problems solved (1 for a round solved exactly at the first try).
    public var iterations: Int
    /// Shortest-path searches run by the assignment solver over all iterations.
    public var searches: Int

    public var solution: RoundSolution {
        RoundSolution(assignments: assignments, objective: objective, bound: bound)
    }

    init(
        problem: RoundProblem, assigned: [Int32], objective: Double, bound: Double, gap: Double, method: Method,
        iterations: Int, searches: Int
    ) {
        var assignments: [RoundSolution.Assignment] = []
        var used = [Int64](repeating: 0, count: problem.partnershipCount)
        for visitor in 0..<problem.visitorCount where assigned[visitor] >= 0 {
            let slot = Int(assigned[visitor])
            assignments.append(
                RoundSolution.Assignment(
                    visitor: problem.visitorIDs[visitor], host: problem.hostIDs[Int(problem.candidateHost[slot])]))
            let partnership = Int(problem.visitorPartnership[visitor])
            if partnership >= 0 { used[partnership] += problem.candidateCost[slot] }
        }
        self.assignments = assignments
        self.objective = objective
        self.bound = bound
        self.gap = gap
        budgets = (0..<problem.partnershipCount).map {
            Budget(partnership: problem.partnershipIDs[$0], usedCents: used[$0], budgetCents: problem.budgetCents[$0])
        }
        self.method = method
        self.iterations = iterations
        self.searches = searches
    }
}
