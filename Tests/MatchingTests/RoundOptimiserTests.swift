import Foundation
import Testing

@testable import Matching

/// Random rounds, an exhaustive solver and a feasibility check shared by the optimiser's tests.
enum RoundFixtures {
    /// SplitMix64: a small seeded generator, so every random instance can be reproduced from its seed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    enum Random {
        /// A random round: some scores ≤ 0, some zero costs, capacities 0 or more, budgets that bind,
        /// unbudgeted partnerships and visitors without partnership.
        static func make(visitors: Int, hosts: Int, candidateChance: Double, maxCapacity: Int, budgeted: Bool, seed: UInt64)
            -> RoundInstance
        {
            var random = Generator(seed: seed)
            let partnershipCount = budgeted ? Int.random(in: 1...3, using: &random) : Int.random(in: 0...2, using: &random)
            let partnerships = (0..<partnershipCount).map { index in
                RoundInstance.Partnership(
                    id: "P\(index)",
                    budget: budgeted && index < 2 ? Double(Int.random(in: 0...300_000, using: &random)) / 100 : nil)
            }
            let hostList = (0..<hosts).map {
                RoundInstance.Host(id: "H\($0)", capacity: Int.random(in: 0...maxCapacity, using: &random))
            }
            let visitorList = (0..<visitors).map { index in
                RoundInstance.Visitor(
                    id: "V\(index)",
                    partnership: partnershipCount > 0 && Int.random(in: 0..<5, using: &random) > 0
                        ? "P\(Int.random(in: 0..<partnershipCount, using: &random))" : nil)
            }
            let costs = [0.0, 390, 550, 780, 1100, 123.45]
            var candidates: [RoundInstance.Candidate] = []
            for visitor in 0..<visitors {
                for host in (0..<hosts).shuffled(using: &random) where Double.random(in: 0..<1, using: &random) < candidateChance
                {
                    candidates.append(
                        .init(
                            visitor: "V\(visitor)", host: "H\(host)",
                            score: Double(Int.random(in: -20...100, using: &random)) / 100,
                            cost: costs.randomElement(using: &random) ?? 0))
                }
            }
            return RoundInstance(
                partnerships: partnerships, hosts: hostList, visitors: visitorList,
                candidates: candidates.shuffled(using: &random))
        }

        static func withoutBudgets(_ instance: RoundInstance) -> RoundInstance {
            var copy = instance
            copy.partnerships = copy.partnerships.map { .init(id: $0.id, budget: nil) }
            return copy
        }
    }

    /// Tries every choice (each visitor: nobody or one of its pairs) with capacities and budgets in
    /// cents, and returns the best sum of scores.
    static func bruteForceOptimum(_ instance: RoundInstance) -> Double {
        let hostIndex = Dictionary(uniqueKeysWithValues: instance.hosts.enumerated().map { ($1.id, $0) })
        let partnershipIndex = Dictionary(uniqueKeysWithValues: instance.partnerships.enumerated().map { ($1.id, $0) })
        let options: [[RoundInstance.Candidate]] = instance.visitors.map { visitor in
            instance.candidates.filter { $0.visitor == visitor.id }
        }
        var load = [Int](repeating: 0, count: instance.hosts.count)
        var spent = [Int64](repeating: 0, count: instance.partnerships.count)
        let budgets = instance.partnerships.map { $0.budget.map { Int64(($0 * 100).rounded()) } }
        var best = 0.0
        func visit(_ index: Int, _ total: Double) {
            if index == instance.visitors.count {
                best = max(best, total)
                return
            }
            visit(index + 1, total)
            let partnership = instance.visitors[index].partnership.flatMap { partnershipIndex[$0] }
            for candidate in options[index] {
                let host = hostIndex[candidate.host] ?? 0
                guard load[host] < instance.hosts[host].capacity else { continue }
                let cost = Int64((candidate.cost * 100).rounded())
                if let partnership, let budget = budgets[partnership], spent[partnership] + cost > budget { continue }
                load[host] += 1
                if let partnership { spent[partnership] += cost }
                visit(index + 1, total + candidate.score)
                load[host] -= 1
                if let partnership { spent[partnership] -= cost }
            }
        }
        visit(0, 0)
        return best
    }

    /// Every rule of the round, checked on the result's ids against the instance as given.
    static func expectFeasible(
        _ result: RoundResult, for instance: RoundInstance, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var pairs: [String: RoundInstance.Candidate] = [:]
        for candidate in instance.candidates { pairs["\(candidate.visitor)\u{0}\(candidate.host)"] = candidate }
        let capacity = Dictionary(uniqueKeysWithValues: instance.hosts.map { ($0.id, $0.capacity) })
        let partnershipOf = Dictionary(uniqueKeysWithValues: instance.visitors.map { ($0.id, $0.partnership) })
        let budgets = Dictionary(uniqueKeysWithValues: instance.partnerships.map { ($0.id, $0.budget) })
        var seenVisitors = Set<String>()
        var load: [String: Int] = [:]
        var spent: [String: Int64] = [:]
        var objective = 0.0
        for assignment in result.assignments {
            #expect(
                seenVisitors.insert(assignment.visitor).inserted, "visitor \(assignment.visitor) assigned twice",
                sourceLocation: sourceLocation)
            guard let pair = pairs["\(assignment.visitor)\u{0}\(assignment.host)"] else {
                Issue.record("\(assignment) is not a candidate pair", sourceLocation: sourceLocation)
                continue
            }
            objective += pair.score
            load[assignment.host, default: 0] += 1
            if let partnership = partnershipOf[assignment.visitor] ?? nil {
                spent[partnership, default: 0] += Int64((pair.cost * 100).rounded())
            }
        }
        for (host, count) in load {
            #expect(count <= capacity[host] ?? 0, "host \(host) over capacity", sourceLocation: sourceLocation)
        }
        for (partnership, cents) in spent {
            if let budget = budgets[partnership] ?? nil {
                #expect(
                    cents <= Int64((budget * 100).rounded()), "partnership \(partnership) over budget",
                    sourceLocation: sourceLocation)
            }
        }
        #expect(abs(objective - result.objective) <= 1e-9 * max(1, abs(objective)), sourceLocation: sourceLocation)
        #expect(result.bound >= result.objective, sourceLocation: sourceLocation)
        for budget in result.budgets {
            #expect(budget.usedCents == spent[budget.partnership, default: 0], sourceLocation: sourceLocation)
        }
    }
}

@Suite struct RoundOptimiserTests {
    @Test func theContractExampleTakesItsOnlyPair() throws {
        let instance = try RoundFile.readInstance(Data(RoundFileTests.contractInstance.utf8))
        let result = try RoundOptimiser().solve(instance)
        #expect(result.assignments == [.init(visitor: "V1", host: "H1")])
        #expect(result.objective == 0.82)
        #expect(result.method == .exactMinCostFlow)
        #expect(result.bound >= 0.82 && result.bound <= 0.82 + 1e-6)
        #expect(result.budgets == [.init(partnership: "P1", usedCents: 78_000, budgetCents: 2_500_000)])
        #expect(result.solution.assignments == result.assignments)
    }

    @Test func withoutBudgetsTheOptimumEqualsBruteForce() throws {
        for seed in 0..<300 as Range<UInt64> {
            let instance = RoundFixtures.Random.withoutBudgets(
                RoundFixtures.Random.make(
                    visitors: Int(seed % 7) + 1, hosts: Int(seed % 4) + 1, candidateChance: 0.6, maxCapacity: 2, budgeted: false,
                    seed: seed))
            let result = try RoundOptimiser().solve(instance)
            let optimum = RoundFixtures.bruteForceOptimum(instance)
            #expect(result.method == .exactMinCostFlow)
            #expect(abs(result.objective - optimum) <= 1e-9, "seed \(seed)")
            #expect(result.bound >= optimum && result.bound <= optimum + 1e-5, "seed \(seed)")
            RoundFixtures.expectFeasible(result, for: instance)
        }
    }

    @Test func withBudgetsTheResultIsFeasibleAndTheBoundHolds() throws {
        var exact = 0
        for seed in 1000..<1300 as Range<UInt64> {
            let instance = RoundFixtures.Random.make(
                visitors: Int(seed % 7) + 1, hosts: Int(seed % 4) + 1, candidateChance: 0.6, maxCapacity: 2, budgeted: true,
                seed: seed)
            let result = try RoundOptimiser().solve(instance)
            let optimum = RoundFixtures.bruteForceOptimum(instance)
            #expect(result.objective <= optimum + 1e-9, "seed \(seed)")
            #expect(optimum <= result.bound, "seed \(seed)")
            if result.method == .exactMinCostFlow {
                #expect(abs(result.objective - optimum) <= 1e-9, "seed \(seed)")
            }
            if abs(result.objective - optimum) <= 1e-9 { exact += 1 }
            RoundFixtures.expectFeasible(result, for: instance)
        }
        // Repair is a heuristic, but on rounds this small it should nearly always find the best.
        #expect(exact >= 270)
    }

    @Test func cutShortTheBoundStillHolds() throws {
        let limits = [RoundOptimiser.Options(maxIterations: 1), RoundOptimiser.Options(timeLimit: .zero)]
        for seed in 2000..<2150 as Range<UInt64> {
            let instance = RoundFixtures.Random.make(
                visitors: Int(seed % 7) + 1, hosts: Int(seed % 4) + 1, candidateChance: 0.6, maxCapacity: 2, budgeted: true,
                seed: seed)
            let optimum = RoundFixtures.bruteForceOptimum(instance)
            for options in limits {
                let result = try RoundOptimiser(options: options).solve(instance)
                #expect(result.objective <= optimum + 1e-9 && optimum <= result.bound, "seed \(seed)")
                RoundFixtures.expectFeasible(result, for: instance)
            }
        }
    }

    @Test func largerRandomRoundsStayFeasible() throws {
        for seed in 5000..<5030 as Range<UInt64> {
            let budgeted = seed % 3 != 0
            let instance = RoundFixtures.Random.make(
                visitors: 150, hosts: 60, candidateChance: 0.08, maxCapacity: 4, budgeted: budgeted, seed: seed)
            let result = try RoundOptimiser().solve(instance)
            RoundFixtures.expectFeasible(result, for: instance)
            let relaxed = try RoundOptimiser().solve(RoundFixtures.Random.withoutBudgets(instance))
            #expect(result.objective <= relaxed.objective + 1e-9)
            #expect(result.bound <= relaxed.bound + 1e-6, "a budget can only lower the bound")
        }
    }

    @Test func anUnbindingBudgetStillGivesTheExactOptimum() throws {
        let instance = RoundInstance(
            partnerships: [.init(id: "P", budget: 10_000)], hosts: [.init(id: "H1", capacity: 1), .init(id: "H2", capacity: 1)],
            visitors: [.init(id: "A", partnership: "P"), .init(id: "B", partnership: "P")],
            candidates: [
                .init(visitor: "A", host: "H1", score: 0.9, cost: 500), .init(visitor: "A", host: "H2", score: 0.8, cost: 500),
                .init(visitor: "B", host: "H1", score: 0.85, cost: 500),
            ])
        let result = try RoundOptimiser().solve(instance)
        #expect(result.method == .exactMinCostFlow)
        #expect(Set(result.assignments) == [.init(visitor: "A", host: "H2"), .init(visitor: "B", host: "H1")])
        #expect(abs(result.objective - 1.65) < 1e-12)
    }

    @Test func aBindingBudgetPicksTheBetterValue() throws {
        // 1,000 euros: either the one expensive pair (0.9) or the two cheap ones (0.5 + 0.5).
        let instance = RoundInstance(
            partnerships: [.init(id: "P", budget: 1000)], hosts: [.init(id: "H", capacity: 3)],
            visitors: [.init(id: "A", partnership: "P"), .init(id: "B", partnership: "P"), .init(id: "C", partnership: "P")],
            candidates: [
                .init(visitor: "A", host: "H", score: 0.9, cost: 1000), .init(visitor: "B", host: "H", score: 0.5, cost: 500),
                .init(visitor: "C", host: "H", score: 0.5, cost: 500),
            ])
        let result = try RoundOptimiser().solve(instance)
        #expect(result.method == .lagrangianWithRepair)
        #expect(Set(result.assignments.map(\.visitor)) == ["B", "C"])
        #expect(result.bound >= 1.0)
        #expect(result.budgets[0].usedCents == 100_000)
    }

    @Test func moneyIsComparedInWholeCents() throws {
        // 0.1 + 0.2 exceeds 0.3 in Double arithmetic, not in cents.
        let instance = RoundInstance(
            partnerships: [.init(id: "P", budget: 0.3)], hosts: [.init(id: "H", capacity: 2)],
            visitors: [.init(id: "A", partnership: "P"), .init(id: "B", partnership: "P")],
            candidates: [
                .init(visitor: "A", host: "H", score: 1, cost: 0.1), .init(visitor: "B", host: "H", score: 1, cost: 0.2),
            ])
        let result = try RoundOptimiser().solve(instance)
        #expect(result.assignments.count == 2)
        #expect(result.budgets[0].usedCents == 30)
    }

    @Test func scoresOfZeroOrLessAndHostsWithoutPlacesAreNeverUsed() throws {
        let instance = RoundInstance(
            partnerships: [], hosts: [.init(id: "Full", capacity: 0), .init(id: "Open", capacity: 5)],
            visitors: [.init(id: "A", partnership: nil), .init(id: "B", partnership: nil)],
            candidates: [
                .init(visitor: "A", host: "Full", score: 5, cost: 0), .init(visitor: "A", host: "Open", score: 0, cost: 0),
                .init(visitor: "B", host: "Open", score: -1, cost: 0),
            ])
        let result = try RoundOptimiser().solve(instance)
        #expect(result.assignments.isEmpty)
        #expect(result.objective == 0)
        #expect(result.bound >= 0 && result.bound < 1e-5)
        #expect(result.gap == 0, "an exact answer has no gap, whatever the rounding slack")
    }

    @Test func aScoreBelowOneMicroUnitStillCountsInTheBound() throws {
        let instance = RoundInstance(
            partnerships: [], hosts: [.init(id: "H", capacity: 1)], visitors: [.init(id: "V", partnership: nil)],
            candidates: [.init(visitor: "V", host: "H", score: 1e-7, cost: 0)])
        let result = try RoundOptimiser().solve(instance)
        #expect(result.bound >= 1e-7)
        #expect(result.objective <= 1e-7)
    }

    @Test func solvingTheFileGivesWhatReadingThenSolvingGives() throws {
        let instance = RoundFixtures.Random.make(
            visitors: 80, hosts: 30, candidateChance: 0.1, maxCapacity: 3, budgeted: true, seed: 31)
        let data = try JSONEncoder().encode(instance)
        let direct = try RoundOptimiser().solve(instanceFile: data)
        let twoSteps = try RoundOptimiser().solve(RoundFile.readInstance(data))
        #expect(direct.assignments == twoSteps.assignments)
        #expect(direct.objective == twoSteps.objective && direct.bound == twoSteps.bound)
        #expect(throws: RoundFileError(path: "hosts", rule: "must be an array")) {
            try RoundOptimiser().solve(instanceFile: Data(#"{"hosts":7}"#.utf8))
        }
    }

    @Test func aMidSizedBudgetedRoundEndsWithinHalfAPercent() throws {
        // 2,000 visitors in 4 budgeted partnerships, 1,000 hosts, 10 candidates each.
        var random = RoundFixtures.Generator(seed: 2026)
        let costs = [390.0, 550, 780, 1100]
        let visitors = (0..<2000).map { RoundInstance.Visitor(id: "V\($0)", partnership: "P\($0 % 4)") }
        let hosts = (0..<1000).map { RoundInstance.Host(id: "H\($0)", capacity: Int.random(in: 1...4, using: &random)) }
        var candidates: [RoundInstance.Candidate] = []
        for visitor in visitors {
            for host in (0..<1000).shuffled(using: &random).prefix(10) {
                candidates.append(
                    .init(
                        visitor: visitor.id, host: "H\(host)", score: Double(Int.random(in: 1...10_000, using: &random)) / 10_000,
                        cost: costs.randomElement(using: &random) ?? 0))
            }
        }
        // Budgets of half of what pairs of average cost would need.
        let partnerships = (0..<4).map { RoundInstance.Partnership(id: "P\($0)", budget: 250 * 705) }
        let instance = RoundInstance(partnerships: partnerships, hosts: hosts, visitors: visitors, candidates: candidates)
        let result = try RoundOptimiser(options: .init(targetGap: 0.005)).solve(instance)
        RoundFixtures.expectFeasible(result, for: instance)
        #expect(result.method == .lagrangianWithRepair)
        #expect(result.gap <= 0.005)
    }

    @Test func aZeroTimeLimitStillGivesAFeasibleAnswerAndABound() throws {
        let instance = RoundFixtures.Random.make(
            visitors: 120, hosts: 40, candidateChance: 0.1, maxCapacity: 3, budgeted: true, seed: 78)
        let result = try RoundOptimiser(options: .init(timeLimit: .zero)).solve(instance)
        RoundFixtures.expectFeasible(result, for: instance)
        #expect(result.iterations == 0)
        #expect(result.objective > 0, "a greedy choice, not an empty one")
    }

    @Test func aLimitOfOneIterationStillGivesAFeasibleAnswerAndABound() throws {
        let instance = RoundFixtures.Random.make(
            visitors: 120, hosts: 40, candidateChance: 0.1, maxCapacity: 3, budgeted: true, seed: 77)
        let result = try RoundOptimiser(options: .init(targetGap: 0, maxIterations: 1)).solve(instance)
        RoundFixtures.expectFeasible(result, for: instance)
        #expect(result.iterations == 1)
    }
}

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
