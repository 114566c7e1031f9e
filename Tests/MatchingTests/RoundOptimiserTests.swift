import Foundation
import Testing

@testable import Matching

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
