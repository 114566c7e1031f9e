/// The round with binding partnership budgets, by Lagrangian relaxation with repair.
///
/// For multipliers λ_p ≥ 0 (score per cent of partnership p's money), the budgets move into the
/// objective: each pair is worth `score − λ_p·cost`, and what is left is an assignment problem
/// without budgets, solved exactly by `AssignmentSolver`, warm from the previous multipliers.
/// Its value plus Σ λ_p·budget_p is an upper bound on the round; the best such bound over λ
/// equals the LP relaxation's (bipartite b-matching has an integral polytope), and the bound is
/// certified from the solver's host prices by LP duality with the original Double scores (see
/// `dualBound`), so rounding the weights to integers never makes it wrong.
///
/// The multipliers are searched per partnership by a safeguarded secant on its budget excess
/// (spend of the inner solution minus budget), from a first guess that ignores host capacities.
/// Each inner solution is made feasible by repair (an over-budget partnership drops its pairs of
/// lowest score per euro until it fits), filled greedily (free visitors, free host places, budget
/// left) and improved by upgrades (a visitor moves to a better pair of its own when a place is
/// free and the money left pays the difference); the best feasible one is kept. The search stops
/// at the target gap, at the iteration or time limit, when no multiplier can move any more, or
/// after `stallLimit` iterations that improve neither the bound nor the choice.
struct BudgetSolver {
    let problem: RoundProblem
    var solver: AssignmentSolver
    /// Budgeted visitors grouped by partnership.
    private let visitorsOfPartnership: [[Int32]]
    private let visitorOfCandidate: [Int32]

    /// Iterations without a better bound or a better choice after which the search stops.
    static let stallLimit = 20

    struct Outcome {
        var assigned: [Int32]
        var objective: Double
        var bound: Double
        /// Inner assignment problems solved.
        var iterations: Int
        /// The choice is optimal: the best choice without budgets kept within them.
        var exact: Bool
    }

    init(problem: RoundProblem) {
        self.problem = problem
        solver = AssignmentSolver(problem)
        var groups = [[Int32]](repeating: [], count: problem.partnershipCount)
        for visitor in 0..<problem.visitorCount where problem.visitorBudget[visitor] >= 0 {
            groups[Int(problem.visitorBudget[visitor])].append(Int32(visitor))
        }
        visitorsOfPartnership = groups
        var visitors = [Int32](repeating: 0, count: problem.candidateCount)
        for visitor in 0..<problem.visitorCount {
            for slot in problem.candidates(of: visitor) { visitors[slot] = Int32(visitor) }
        }
        visitorOfCandidate = visitors
    }

    /// First multipliers: per partnership, the price at which its visitors, ignoring host
    /// capacities, would spend about its budget; 0 where the budget does not bind even so.
    func initialMultipliers() -> [Double] {
        (0..<problem.partnershipCount).map { firstGuess(for: $0, target: problem.budgetCents[$0] ?? 0) }
    }

    /// Searches the multipliers from `start`. When they are all 0 the first inner problem is the
    /// round without budgets: if its optimum keeps within every budget, it is returned as exact.
    /// Otherwise the first guesses already say which budgets bind, and the round without budgets
    /// (the slowest inner problem when host places are contested) is never solved.
    mutating func solve(from start: [Double], targetGap: Double, maxIterations: Int, deadline: ContinuousClock.Instant?)
        -> Outcome
    {
        let partnerships = problem.partnershipCount
        var lambda = start
        var best: (assigned: [Int32], objective: Double)?
        // Valid before any solve: host prices of 0 are dual feasible too.
        var bestBound = dualBound(lambda: lambda)
        var low = [Double?](repeating: nil, count: partnerships)
        var high = [Double?](repeating: nil, count: partnerships)
        var excessAtLow = [Double](repeating: 0, count: partnerships)
        var excessAtHigh = [Double](repeating: 0, count: partnerships)
        var iterations = 0
        var stalled = 0

        while iterations < maxIterations {
            if let deadline, ContinuousClock.now >= deadline { break }
            iterations += 1
            solver.solve(weights: weights(lambda))
            if lambda.allSatisfy({ $0 == 0 }), withinBudgets(solver.assigned) {
                let objective = Self.objective(of: solver.assigned, in: problem)
                return Outcome(
                    assigned: solver.assigned, objective: objective, bound: exactBound(objective: objective),
                    iterations: iterations, exact: true)
            }
            let bound = dualBound(lambda: lambda)
            let candidate = repair(solver.assigned, lambda: lambda)
            let previous = best?.objective ?? -Double.infinity
            let progress = bound < bestBound - 1e-7 * abs(bestBound) || candidate.objective > previous + 1e-7 * abs(previous)
            bestBound = min(bestBound, bound)
            if candidate.objective > previous { best = candidate }
            if gap(objective: candidate.objective > previous ? candidate.objective : previous, bound: bestBound) <= targetGap {
                break
            }
            // The LP bound can sit well above the integer optimum (a few fractional pairs per
            // partnership weigh a lot in a small round): once neither side improves, stop.
            stalled = progress ? 0 : stalled + 1
            if stalled >= Self.stallLimit { break }

            let spent = spending(solver.assigned)
            var moved = false
            for partnership in 0..<partnerships {
                guard let budget = problem.budgetCents[partnership] else { continue }
                let current = lambda[partnership]
                let excess = Double(spent[partnership] - budget)
                if excess > 0 {
                    low[partnership] = current
                    excessAtLow[partnership] = excess
                    if let stale = high[partnership], stale <= current { high[partnership] = nil }
                } else {
                    if current == 0 { continue }  // within budget at no price: the multiplier is right
                    high[partnership] = current
                    excessAtHigh[partnership] = excess
                    if let stale = low[partnership], stale >= current { low[partnership] = nil }
                }
                let next: Double
                switch (low[partnership], high[partnership]) {
                case let (low?, high?):
                    // Secant on the excess, kept inside the middle of the bracket so it shrinks.
                    let fraction = excessAtLow[partnership] / (excessAtLow[partnership] - excessAtHigh[partnership])
                    next = low + min(0.75, max(0.25, fraction)) * (high - low)
                case let (low?, nil):
                    next =
                        low > 0
                        ? low * 2
                        : firstGuess(
                            for: partnership, target: Int64(Double(budget) / Double(spent[partnership]) * Double(budget)))
                case let (nil, high?):
                    next = high < 1e-9 ? 0 : high * 0.5
                case (nil, nil):
                    next = current
                }
                if abs(next - current) > 1e-12 * max(1, current) { moved = true }
                lambda[partnership] = next
            }
            if !moved { break }
        }
        // Out of time before any solve: the greedy fill of an empty choice is still feasible.
        let chosen = best ?? repair([Int32](repeating: -1, count: problem.visitorCount), lambda: lambda)
        return Outcome(
            assigned: chosen.assigned, objective: chosen.objective, bound: max(bestBound, chosen.objective),
            iterations: iterations, exact: false)
    }

    func withinBudgets(_ assigned: [Int32]) -> Bool {
        let spent = spending(assigned)
        return (0..<problem.partnershipCount).allSatisfy { spent[$0] <= problem.budgetCents[$0] ?? Int64.max }
    }

    /// The bound of an optimal choice without budgets. Scores were rounded to micro-units: any
    /// choice is worth at most 0.5e-6 per pair more in the original scores than in the rounded
    /// ones, and ours at most 0.5e-6 per pair less; a visitor has at most one pair, so one
    /// micro-unit per visitor covers both. The dual bound is proven too; the smaller one is kept.
    func exactBound(objective: Double) -> Double {
        let slack = Double(problem.visitorCount) * 1e-6 + 1e-9 * (1 + abs(objective))
        let dual = dualBound(lambda: [Double](repeating: 0, count: problem.partnershipCount))
        return max(objective, min(objective + slack, dual))
    }

    /// (bound − objective) / bound. A difference within the scores' rounding to micro-units (one
    /// per visitor) is no gap: it is what an exact answer's bound carries.
    func gap(objective: Double, bound: Double) -> Double {
        let difference = bound - objective
        guard bound > 0, difference > Double(problem.visitorCount) * 1e-6 + 1e-9 * abs(bound) else { return 0 }
        return difference / bound
    }

    /// Integer weights for the inner problem: micro-units of score less λ times cents.
    func weights(_ lambda: [Double]) -> [Int64] {
        var weights = problem.candidateScore
        for visitor in 0..<problem.visitorCount {
            let partnership = Int(problem.visitorBudget[visitor])
            guard partnership >= 0, lambda[partnership] > 0 else { continue }
            let price = lambda[partnership]
            for slot in problem.candidates(of: visitor) {
                let value = Double(problem.candidateScore[slot]) - price * Double(problem.candidateCost[slot])
                weights[slot] = value <= 0 ? 0 : Int64(value.rounded())
            }
        }
        return weights
    }

    func spending(_ assigned: [Int32]) -> [Int64] {
        var spent = [Int64](repeating: 0, count: problem.partnershipCount)
        for visitor in 0..<problem.visitorCount where assigned[visitor] >= 0 {
            let partnership = Int(problem.visitorBudget[visitor])
            if partnership >= 0 { spent[partnership] += problem.candidateCost[Int(assigned[visitor])] }
        }
        return spent
    }

    /// An upper bound on the round, proven by weak LP duality with the original scores: for host
    /// prices y_h ≥ 0 (taken from the solver's potentials) and λ ≥ 0, with
    /// u_v = max(0, max over v's pairs of score − λ·cost − y_h), the value
    /// Σ u_v + Σ capacity_h·y_h + Σ λ_p·budget_p bounds every feasible choice. All terms are
    /// non-negative, so a relative margin of 1e-9 covers the rounding of the sums.
    func dualBound(lambda: [Double]) -> Double {
        let potentials = solver.hostPotential
        var price = [Double](repeating: 0, count: problem.hostCount)
        var total = 0.0
        for host in 0..<problem.hostCount where potentials[host] < 0 {
            price[host] = Double(-potentials[host]) * 1e-6
            total += Double(problem.hostCapacity[host]) * price[host]
        }
        for visitor in 0..<problem.visitorCount {
            let partnership = Int(problem.visitorBudget[visitor])
            let perCent = partnership >= 0 ? lambda[partnership] * 1e-6 : 0
            var best = 0.0
            for slot in problem.candidates(of: visitor) {
                let value =
                    problem.candidateOriginalScore[slot] - perCent * Double(problem.candidateCost[slot])
                    - price[Int(problem.candidateHost[slot])]
                best = max(best, value)
            }
            total += best
        }
        for partnership in 0..<problem.partnershipCount {
            if let budget = problem.budgetCents[partnership] { total += lambda[partnership] * 1e-6 * Double(budget) }
        }
        return total * (1 + 1e-9) + 1e-12
    }

    // MARK: Multipliers

    /// The multiplier at which the partnership's visitors, each taking its best pair under
    /// `score − λ·cost` and ignoring host capacities, would spend about `target` (bisection).
    private func firstGuess(for partnership: Int, target: Int64) -> Double {
        guard problem.budgetCents[partnership] != nil else { return 0 }
        let visitors = visitorsOfPartnership[partnership]
        if separableSpend(visitors, lambda: 0) <= target { return 0 }
        var low = 0.0
        var high = 0.0
        for visitor in visitors {
            for slot in problem.candidates(of: Int(visitor)) where problem.candidateCost[slot] > 0 {
                high = max(high, Double(problem.candidateScore[slot]) / Double(problem.candidateCost[slot]))
            }
        }
        for _ in 0..<24 {
            let middle = (low + high) / 2
            if separableSpend(visitors, lambda: middle) > target { low = middle } else { high = middle }
        }
        return high
    }

    private func separableSpend(_ visitors: [Int32], lambda: Double) -> Int64 {
        var spent: Int64 = 0
        for visitor in visitors {
            var bestValue = 0.0
            var bestCost: Int64 = 0
            for slot in problem.candidates(of: Int(visitor)) {
                let value = Double(problem.candidateScore[slot]) - lambda * Double(problem.candidateCost[slot])
                if value > bestValue {
                    bestValue = value
                    bestCost = problem.candidateCost[slot]
                }
            }
            spent += bestCost
        }
        return spent
    }

    // MARK: Repair

    /// A feasible choice from an inner solution: over-budget partnerships drop their pairs of
    /// lowest score per euro until they fit; then free visitors take free host places in order of
    /// `score − λ·cost`, as long as their partnership's budget allows.
    func repair(_ inner: [Int32], lambda: [Double]) -> (assigned: [Int32], objective: Double) {
        var assigned = inner
        var spent = spending(assigned)
        var load = [Int32](repeating: 0, count: problem.hostCount)
        for visitor in 0..<problem.visitorCount where assigned[visitor] >= 0 {
            load[Int(problem.candidateHost[Int(assigned[visitor])])] += 1
        }
        for partnership in 0..<problem.partnershipCount {
            guard let budget = problem.budgetCents[partnership], spent[partnership] > budget else { continue }
            var chosen: [(visitor: Int32, ratio: Double)] = []
            for visitor in visitorsOfPartnership[partnership] where assigned[Int(visitor)] >= 0 {
                let slot = Int(assigned[Int(visitor)])
                let cost = problem.candidateCost[slot]
                if cost > 0 { chosen.append((visitor, problem.candidateOriginalScore[slot] / Double(cost))) }
            }
            chosen.sort { $0.ratio < $1.ratio }
            for (visitor, _) in chosen {
                guard spent[partnership] > budget else { break }
                let slot = Int(assigned[Int(visitor)])
                spent[partnership] -= problem.candidateCost[slot]
                load[Int(problem.candidateHost[slot])] -= 1
                assigned[Int(visitor)] = -1
            }
        }

        var options: [(slot: Int32, value: Double)] = []
        for visitor in 0..<problem.visitorCount where assigned[visitor] < 0 {
            let partnership = Int(problem.visitorBudget[visitor])
            let left = partnership >= 0 ? (problem.budgetCents[partnership] ?? Int64.max) - spent[partnership] : Int64.max
            let price = partnership >= 0 ? lambda[partnership] * 1e-6 : 0
            for slot in problem.candidates(of: visitor) {
                let host = Int(problem.candidateHost[slot])
                guard load[host] < problem.hostCapacity[host], problem.candidateCost[slot] <= left else { continue }
                options.append((Int32(slot), problem.candidateOriginalScore[slot] - price * Double(problem.candidateCost[slot])))
            }
        }
        options.sort { $0.value > $1.value }
        for option in options {
            let slot = Int(option.slot)
            let visitor = Int(visitorOfCandidate[slot])
            let host = Int(problem.candidateHost[slot])
            guard assigned[visitor] < 0, load[host] < problem.hostCapacity[host] else { continue }
            let partnership = Int(problem.visitorBudget[visitor])
            if partnership >= 0, let budget = problem.budgetCents[partnership] {
                guard spent[partnership] + problem.candidateCost[slot] <= budget else { continue }
                spent[partnership] += problem.candidateCost[slot]
            }
            assigned[visitor] = Int32(slot)
            load[host] += 1
        }
        upgrade(&assigned, spent: &spent, load: &load)
        return (assigned, Self.objective(of: assigned, in: problem))
    }

    /// Moves assigned visitors to a better pair of their own where a host has a free place and
    /// the budget left pays the difference: dropping and filling leave a little money unspent in
    /// each partnership, and this puts some of it to use.
    private func upgrade(_ assigned: inout [Int32], spent: inout [Int64], load: inout [Int32]) {
        for visitor in 0..<problem.visitorCount where assigned[visitor] >= 0 {
            let current = Int(assigned[visitor])
            let partnership = Int(problem.visitorBudget[visitor])
            let left = partnership >= 0 ? (problem.budgetCents[partnership] ?? Int64.max) - spent[partnership] : Int64.max
            var best = -1
            var bestScore = problem.candidateOriginalScore[current]
            for slot in problem.candidates(of: visitor) where problem.candidateOriginalScore[slot] > bestScore {
                let host = Int(problem.candidateHost[slot])
                guard load[host] < problem.hostCapacity[host],
                    problem.candidateCost[slot] - problem.candidateCost[current] <= left
                else { continue }
                best = slot
                bestScore = problem.candidateOriginalScore[slot]
            }
            guard best >= 0 else { continue }
            if partnership >= 0 { spent[partnership] += problem.candidateCost[best] - problem.candidateCost[current] }
            load[Int(problem.candidateHost[current])] -= 1
            load[Int(problem.candidateHost[best])] += 1
            assigned[visitor] = Int32(best)
        }
    }

    static func objective(of assigned: [Int32], in problem: RoundProblem) -> Double {
        var total = 0.0
        for slot in assigned where slot >= 0 { total += problem.candidateOriginalScore[Int(slot)] }
        return total
    }
}
