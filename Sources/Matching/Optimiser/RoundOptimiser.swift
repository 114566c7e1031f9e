import Foundation

/// Solves a matching round: the chosen pairs, their objective, and a proven upper bound.
///
/// Without budgets, or when the best choice without budgets already keeps within every budget,
/// the answer is exact (`AssignmentSolver`, a min-cost flow). Otherwise the budgets are handled
/// by Lagrangian relaxation with repair (`BudgetSolver`), which stops at `targetGap`.
/// Whether budgets bind is first judged from each partnership's own visitors, ignoring host
/// capacities; only when none seems to bind is the round without budgets solved first.
public struct RoundOptimiser: Sendable {
    public struct Options: Sendable {
        /// Stop once (bound − objective) / bound is at most this.
        public var targetGap: Double = 0.001
        /// Most inner assignment problems to solve (at least 1).
        public var maxIterations: Int = 200
        /// Start no new inner assignment problem after this long; the best choice found so far is
        /// returned (a greedy one if none was solved). An inner solve already started finishes.
        public var timeLimit: Duration?

        public init(targetGap: Double = 0.001, maxIterations: Int = 200, timeLimit: Duration? = nil) {
            self.targetGap = targetGap
            self.maxIterations = maxIterations
            self.timeLimit = timeLimit
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Validates the instance (the same checks as `RoundFile.readInstance`) and solves it.
    public func solve(_ instance: RoundInstance) throws(RoundFileError) -> RoundResult {
        solve(try RoundProblem(instance))
    }

    /// Reads, validates and solves an instance file in one go: the same checks and messages as
    /// `RoundFile.readInstance` followed by `solve(_:)`, with the validation done once.
    public func solve(instanceFile data: Data) throws(RoundFileError) -> RoundResult {
        solve(try RoundProblem(RoundFile.parseInstance(data)))
    }

    func solve(_ problem: RoundProblem) -> RoundResult {
        let deadline = options.timeLimit.map { ContinuousClock.now + $0 }
        var budgetSolver = BudgetSolver(problem: problem)
        let outcome = budgetSolver.solve(
            from: budgetSolver.initialMultipliers(), targetGap: options.targetGap, maxIterations: max(1, options.maxIterations),
            deadline: deadline)
        return RoundResult(
            problem: problem, assigned: outcome.assigned, objective: outcome.objective, bound: outcome.bound,
            gap: budgetSolver.gap(objective: outcome.objective, bound: outcome.bound),
            method: outcome.exact ? .exactMinCostFlow : .lagrangianWithRepair, iterations: outcome.iterations,
            searches: budgetSolver.solver.searches)
    }
}
