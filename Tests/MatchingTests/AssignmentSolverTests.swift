import Testing

@testable import Matching

@Suite struct AssignmentSolverTests {
    /// Solving warm from other weights must give the same optimum as solving from scratch.
    @Test func aWarmStartReachesTheColdOptimum() throws {
        var random = RoundFixtures.Generator(seed: 42)
        for seed in 0..<40 as Range<UInt64> {
            let instance = RoundFixtures.Random.withoutBudgets(
                RoundFixtures.Random.make(
                    visitors: 60, hosts: 20, candidateChance: 0.2, maxCapacity: 3, budgeted: false, seed: 9000 + seed))
            let problem = try RoundProblem(instance)
            var warm = AssignmentSolver(problem)
            for _ in 0..<6 {
                let weights = problem.candidateScore.map { score in
                    Int.random(in: 0..<3, using: &random) == 0 ? score : Int64.random(in: -300_000...1_000_000, using: &random)
                }
                warm.solve(weights: weights)
                var cold = AssignmentSolver(problem)
                cold.solve(weights: weights)
                #expect(Self.total(warm, weights) == Self.total(cold, weights), "seed \(seed)")
            }
        }
    }

    static func total(_ solver: AssignmentSolver, _ weights: [Int64]) -> Int64 {
        solver.assigned.reduce(0) { $0 + ($1 >= 0 ? weights[Int($1)] : 0) }
    }
}
