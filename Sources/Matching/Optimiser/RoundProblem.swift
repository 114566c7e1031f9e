/// A validated round in the integer form the solvers work on.
///
/// Money is exact: euros become integer cents (`(euros * 100).rounded()`) and every budget sum is
/// done in Int64 cents. Scores become integer micro-units (`(score * 1_000_000).rounded()`) so
/// the min-cost flow is exact; objectives are reported from the original Double scores.
///
/// Candidates that can never help are left out here: a score of 0 or less never raises the
/// objective, and a host of capacity 0 can take no one. A positive score too small to reach one
/// micro-unit stays: the solver cannot see it, but the bound must still count it. Capacities are
/// cut to the number of candidates a host has, which changes no feasible set and keeps the
/// solver's arrays small.
///
/// Results are therefore exact up to the micro-unit: the objective is within half a micro-unit
/// per visitor of the true optimum, and the bound is proven with the original scores.
struct RoundProblem: Sendable {
    /// Limits that keep every Int64 sum far from overflow (a 30,000-visitor round uses millions
    /// of times less). Scores and money beyond them are refused rather than silently misread.
    static let maximumScore = 1_000_000.0
    static let maximumCost = 1_000_000_000.0
    static let maximumBudget = 1_000_000_000_000_000.0

    let visitorIDs: [String]
    let hostIDs: [String]
    let partnershipIDs: [String]
    /// Budget of each partnership in cents; nil when unbudgeted.
    let budgetCents: [Int64?]
    /// Partnership index whose budget each visitor draws on, or -1 for none (no partnership, or
    /// an unbudgeted one).
    let visitorBudget: [Int32]
    /// Partnership index of each visitor, budgeted or not, or -1 (for reporting spend).
    let visitorPartnership: [Int32]
    let hostCapacity: [Int32]

    /// Candidates grouped by visitor: those of visitor `v` are `candidateStart[v]..<candidateStart[v+1]`.
    let candidateStart: [Int32]
    let candidateHost: [Int32]
    let candidateScore: [Int64]
    let candidateCost: [Int64]
    /// The score as given, for the objective.
    let candidateOriginalScore: [Double]

    var visitorCount: Int { visitorIDs.count }
    var hostCount: Int { hostIDs.count }
    var partnershipCount: Int { partnershipIDs.count }
    var candidateCount: Int { candidateHost.count }
    var hasBudgets: Bool { budgetCents.contains { $0 != nil } }

    func candidates(of visitor: Int) -> Range<Int> {
        Int(candidateStart[visitor])..<Int(candidateStart[visitor + 1])
    }

    static func cents(_ euros: Double) -> Int64 { Int64((euros * 100).rounded()) }
    static func micros(_ score: Double) -> Int64 { Int64((score * 1_000_000).rounded()) }

    init(_ instance: RoundInstance) throws(RoundFileError) {
        // Paths are spelled out only when something is refused: building them for each of
        // hundreds of thousands of candidates would cost more than the checks.
        var partnershipIndex = IDTable(expected: instance.partnerships.count)
        var budgets: [Int64?] = []
        for (index, partnership) in instance.partnerships.enumerated() {
            try Self.register(partnership.id, at: index, of: "partnerships", in: &partnershipIndex)
            if let cents = partnership.budgetCents {
                guard (0...Int64(Self.maximumBudget * 100)).contains(cents) else {
                    throw RoundFileError(
                        path: "partnerships[\(index)].budgetCents", rule: "must be 0 to \(Int64(Self.maximumBudget * 100))")
                }
                budgets.append(cents)
            } else if let budget = partnership.budget {
                if let rule = Self.moneyRule(budget, limit: Self.maximumBudget) {
                    throw RoundFileError(path: "partnerships[\(index)].budget", rule: rule)
                }
                budgets.append(Self.cents(budget))
            } else {
                budgets.append(nil)
            }
        }

        var hostIndex = IDTable(expected: instance.hosts.count)
        var capacities: [Int32] = []
        capacities.reserveCapacity(instance.hosts.count)
        for (index, host) in instance.hosts.enumerated() {
            try Self.register(host.id, at: index, of: "hosts", in: &hostIndex)
            guard host.capacity >= 0 else { throw RoundFileError(path: "hosts[\(index)].capacity", rule: "must be 0 or more") }
            capacities.append(Int32(clamping: host.capacity))
        }

        var visitorIndex = IDTable(expected: instance.visitors.count)
        var visitorBudget: [Int32] = []
        visitorBudget.reserveCapacity(instance.visitors.count)
        var visitorPartnership: [Int32] = []
        visitorPartnership.reserveCapacity(instance.visitors.count)
        for (index, visitor) in instance.visitors.enumerated() {
            try Self.register(visitor.id, at: index, of: "visitors", in: &visitorIndex)
            var budget: Int32 = -1
            var member: Int32 = -1
            if let partnership = visitor.partnership {
                guard let found = partnershipIndex.find(partnership) else {
                    throw RoundFileError(
                        path: "visitors[\(index)].partnership", rule: "no partnership with id \(Self.quoted(partnership))")
                }
                member = found
                if budgets[Int(found)] != nil { budget = found }
            }
            visitorBudget.append(budget)
            visitorPartnership.append(member)
        }

        // Resolve and check every candidate, then group the useful ones by visitor (a counting
        // sort, stable, so each visitor's candidates keep the file's order).
        let count = instance.candidates.count
        var resolvedVisitor = [Int32](repeating: -1, count: count)
        var resolvedHost = [Int32](repeating: -1, count: count)
        var perVisitor = [Int32](repeating: 0, count: instance.visitors.count + 1)
        var perHost = [Int32](repeating: 0, count: instance.hosts.count)
        for (index, candidate) in instance.candidates.enumerated() {
            guard let visitor = visitorIndex.find(candidate.visitor) else {
                throw RoundFileError(
                    path: "candidates[\(index)].visitor", rule: "no visitor with id \(Self.quoted(candidate.visitor))")
            }
            guard let host = hostIndex.find(candidate.host) else {
                throw RoundFileError(path: "candidates[\(index)].host", rule: "no host with id \(Self.quoted(candidate.host))")
            }
            guard candidate.score.isFinite else {
                throw RoundFileError(path: "candidates[\(index)].score", rule: "must be a finite number")
            }
            guard abs(candidate.score) <= Self.maximumScore else {
                throw RoundFileError(path: "candidates[\(index)].score", rule: "must be between -1000000 and 1000000")
            }
            if let cents = candidate.costCents {
                guard (0...Int64(Self.maximumCost * 100)).contains(cents) else {
                    throw RoundFileError(
                        path: "candidates[\(index)].costCents", rule: "must be 0 to \(Int64(Self.maximumCost * 100))")
                }
            } else if let rule = Self.moneyRule(candidate.cost, limit: Self.maximumCost) {
                throw RoundFileError(path: "candidates[\(index)].cost", rule: rule)
            }
            if candidate.score > 0, capacities[Int(host)] > 0 {
                resolvedVisitor[index] = visitor
                resolvedHost[index] = host
                perVisitor[Int(visitor) + 1] += 1
                perHost[Int(host)] += 1
            } else {
                // Still resolved for the duplicate check below, but marked as unused.
                resolvedVisitor[index] = -2 - visitor
                resolvedHost[index] = host
            }
        }
        for visitor in 0..<instance.visitors.count { perVisitor[visitor + 1] += perVisitor[visitor] }
        let kept = Int(perVisitor[instance.visitors.count])
        var start = perVisitor
        var hosts = [Int32](repeating: 0, count: kept)
        var scores = [Int64](repeating: 0, count: kept)
        var costs = [Int64](repeating: 0, count: kept)
        var originals = [Double](repeating: 0, count: kept)
        for index in 0..<count where resolvedVisitor[index] >= 0 {
            let visitor = Int(resolvedVisitor[index])
            let slot = Int(start[visitor])
            start[visitor] += 1
            let candidate = instance.candidates[index]
            hosts[slot] = resolvedHost[index]
            scores[slot] = Self.micros(candidate.score)
            costs[slot] = candidate.costCents ?? Self.cents(candidate.cost)
            originals[slot] = candidate.score
        }
        try Self.refuseDuplicatePairs(resolvedVisitor, resolvedHost, instance: instance)

        visitorIDs = instance.visitors.map(\.id)
        hostIDs = instance.hosts.map(\.id)
        partnershipIDs = instance.partnerships.map(\.id)
        budgetCents = budgets
        self.visitorBudget = visitorBudget
        self.visitorPartnership = visitorPartnership
        hostCapacity = zip(capacities, perHost).map { min($0, $1) }
        candidateStart = perVisitor
        candidateHost = hosts
        candidateScore = scores
        candidateCost = costs
        candidateOriginalScore = originals
    }

    /// A (visitor, host) pair given twice is refused: the two lines would disagree on what the
    /// pair is worth or costs, and no reading of the file is right. Checked with one
    /// last-seen-candidate mark per host, walking the candidates visitor by visitor.
    private static func refuseDuplicatePairs(_ visitors: [Int32], _ hosts: [Int32], instance: RoundInstance)
        throws(RoundFileError)
    {
        let count = visitors.count
        var order = [Int32](repeating: 0, count: count)
        var start = [Int32](repeating: 0, count: instance.visitors.count + 1)
        func visitorOf(_ index: Int) -> Int { Int(visitors[index] >= 0 ? visitors[index] : -2 - visitors[index]) }
        for index in 0..<count { start[visitorOf(index) + 1] += 1 }
        for visitor in 0..<instance.visitors.count { start[visitor + 1] += start[visitor] }
        var fill = start
        for index in 0..<count {
            let visitor = visitorOf(index)
            order[Int(fill[visitor])] = Int32(index)
            fill[visitor] += 1
        }
        var lastCandidateAtHost = [Int32](repeating: -1, count: instance.hosts.count)
        for visitor in 0..<instance.visitors.count {
            for position in Int(start[visitor])..<Int(start[visitor + 1]) {
                let index = Int(order[position])
                let host = Int(hosts[index])
                let previous = lastCandidateAtHost[host]
                if previous >= 0, visitorOf(Int(previous)) == visitor {
                    throw RoundFileError(
                        path: "candidates[\(index)]",
                        rule: "duplicate pair visitor \(quoted(instance.visitors[visitor].id)), "
                            + "host \(quoted(instance.hosts[host].id)) (first at candidates[\(previous)])")
                }
                lastCandidateAtHost[host] = Int32(index)
            }
        }
    }

    /// Gives the id of `section[index]` its index in `table`; an empty id, or one the section
    /// already has, is refused.
    private static func register(_ id: String, at index: Int, of section: String, in table: inout IDTable)
        throws(RoundFileError)
    {
        if id.isEmpty { throw RoundFileError(path: "\(section)[\(index)].id", rule: "must not be empty") }
        if let first = table.insert(id, Int32(index)) {
            throw RoundFileError(
                path: "\(section)[\(index)].id", rule: "duplicate id \(quoted(id)) (first at \(section)[\(first)])")
        }
    }

    private static func moneyRule(_ euros: Double, limit: Double) -> String? {
        guard euros.isFinite else { return "must be a finite number" }
        guard euros >= 0 else { return "must be 0 or more" }
        guard euros <= limit else { return "must be at most \(Int64(limit)) euros" }
        return nil
    }

    static func quoted(_ id: String) -> String {
        var out: [UInt8] = []
        RoundFile.appendJSONString(id, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
