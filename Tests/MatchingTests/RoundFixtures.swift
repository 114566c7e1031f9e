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
