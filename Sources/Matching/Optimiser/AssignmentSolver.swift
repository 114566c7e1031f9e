/// Exact maximum-weight assignment of visitors to hosts (each visitor at most once, each host at
/// most its capacity) for integer weights: the round without budgets, and the inner problem of
/// the Lagrangian budget solver.
///
/// It is a min-cost flow, source → visitor (capacity 1), visitor → host (capacity 1, cost
/// −weight), host → sink (capacity = host capacity), visitor → sink (capacity 1, cost 0: the
/// visitor stays unassigned), solved by successive shortest paths: each visitor in turn sends its
/// unit along a shortest path of the residual graph, found by Dijkstra on reduced costs
/// `cost(u,v) + p(u) − p(v) ≥ 0`. Arcs out of the sink are never needed (a path ends there), so
/// the search stops as soon as the sink is settled, and only the nodes settled before it, at
/// distance d < D, get their potential lowered by D − d; every other node keeps its potential,
/// which keeps all reduced costs non-negative (standard argument: p' = p + min(d, D) − D).
/// Each visitor's flow is optimal for the visitors inserted so far, so the last one is optimal.
///
/// Potentials are kept so that a host with free capacity has potential 0 and a full host one of
/// at most 0 (its "price" is −p); an assigned visitor has p = weight + p(host), an unassigned
/// one p = 0. That lets `solve(weights:)` start warm when the weights change: a visitor whose
/// pair is still best under the old host prices keeps it, the others are taken out and inserted
/// again. Taking a visitor off a full host frees a place, so that host's price must drop to 0,
/// and any visitor who would now rather go there is taken out too. What stays satisfies every
/// reduced-cost condition, so inserting the rest gives the exact optimum again.
struct AssignmentSolver {
    let visitorCount: Int
    let hostCount: Int
    let candidateStart: [Int32]
    let candidateHost: [Int32]
    let hostCapacity: [Int32]
    /// The visitor of each candidate, and the candidates of each host (for the price drop).
    private let candidateVisitor: [Int32]
    private let hostCandidateStart: [Int32]
    private let hostCandidates: [Int32]

    /// Weight of each candidate in micro-units; a pair with weight ≤ 0 is never worth taking
    /// (the visitor gains more by staying unassigned), so it is left out of the graph.
    private(set) var weight: [Int64]
    /// The candidate each visitor is assigned through, or -1.
    private(set) var assigned: [Int32]
    private(set) var hostPotential: [Int64]
    private var visitorPotential: [Int64]
    private(set) var hostLoad: [Int32]
    private var memberStart: [Int32]
    private var members: [Int32]
    private var memberPosition: [Int32]

    // Dijkstra's scratch space, reused; epochs mark what belongs to the current search.
    private var distance: [Int64]
    private var reached: [UInt32]
    private var settled: [UInt32]
    private var epoch: UInt32 = 0
    private var settledNodes: [Int32] = []
    private var parentCandidate: [Int32]
    private var heapKeys: [Int64] = []
    private var heapNodes: [Int32] = []

    /// How many shortest-path searches ran in total (for reports and tuning).
    private(set) var searches = 0

    init(_ problem: RoundProblem) {
        visitorCount = problem.visitorCount
        hostCount = problem.hostCount
        candidateStart = problem.candidateStart
        candidateHost = problem.candidateHost
        hostCapacity = problem.hostCapacity
        let candidateCount = problem.candidateCount

        var candidateVisitor = [Int32](repeating: 0, count: candidateCount)
        var hostStart = [Int32](repeating: 0, count: hostCount + 1)
        for visitor in 0..<visitorCount {
            for slot in problem.candidates(of: visitor) {
                candidateVisitor[slot] = Int32(visitor)
                hostStart[Int(candidateHost[slot]) + 1] += 1
            }
        }
        for host in 0..<hostCount { hostStart[host + 1] += hostStart[host] }
        var fill = hostStart
        var hostCandidates = [Int32](repeating: 0, count: candidateCount)
        for slot in 0..<candidateCount {
            let host = Int(candidateHost[slot])
            hostCandidates[Int(fill[host])] = Int32(slot)
            fill[host] += 1
        }
        self.candidateVisitor = candidateVisitor
        hostCandidateStart = hostStart
        self.hostCandidates = hostCandidates

        weight = [Int64](repeating: 0, count: candidateCount)
        assigned = [Int32](repeating: -1, count: visitorCount)
        hostPotential = [Int64](repeating: 0, count: hostCount)
        visitorPotential = [Int64](repeating: 0, count: visitorCount)
        hostLoad = [Int32](repeating: 0, count: hostCount)
        var memberStart = [Int32](repeating: 0, count: hostCount + 1)
        for host in 0..<hostCount { memberStart[host + 1] = memberStart[host] + hostCapacity[host] }
        self.memberStart = memberStart
        members = [Int32](repeating: -1, count: Int(memberStart[hostCount]))
        memberPosition = [Int32](repeating: -1, count: visitorCount)
        let nodeCount = visitorCount + hostCount
        distance = [Int64](repeating: 0, count: nodeCount)
        reached = [UInt32](repeating: 0, count: nodeCount)
        settled = [UInt32](repeating: 0, count: nodeCount)
        parentCandidate = [Int32](repeating: -1, count: hostCount)
    }

    func hostOf(candidate: Int32) -> Int { Int(candidateHost[Int(candidate)]) }

    /// Makes the assignment optimal for `weights` (one per candidate), starting from the current
    /// assignment and prices.
    mutating func solve(weights: [Int64]) {
        precondition(weights.count == weight.count)
        weight = weights
        var pending: [Int32] = []
        var dropped: [Int32] = []
        for visitor in 0..<visitorCount {
            var best: Int64 = 0
            for slot in Int(candidateStart[visitor])..<Int(candidateStart[visitor + 1]) where weight[slot] > 0 {
                best = max(best, weight[slot] + hostPotential[Int(candidateHost[slot])])
            }
            let slot = assigned[visitor]
            if slot >= 0 {
                let value = weight[Int(slot)] + hostPotential[hostOf(candidate: slot)]
                if weight[Int(slot)] > 0, value >= best {
                    visitorPotential[visitor] = value
                } else {
                    unassign(visitor, dropped: &dropped)
                    pending.append(Int32(visitor))
                }
            } else if best > 0 {
                visitorPotential[visitor] = -1  // marks it pending
                pending.append(Int32(visitor))
            } else {
                visitorPotential[visitor] = 0
            }
        }
        // Hosts whose price fell to 0: whoever prefers them now must be inserted again.
        var next = 0
        while next < dropped.count {
            let host = Int(dropped[next])
            next += 1
            for index in Int(hostCandidateStart[host])..<Int(hostCandidateStart[host + 1]) {
                let slot = hostCandidates[index]
                let visitor = Int(candidateVisitor[Int(slot)])
                guard assigned[visitor] != slot, weight[Int(slot)] > visitorPotential[visitor] else { continue }
                if assigned[visitor] >= 0 {
                    unassign(visitor, dropped: &dropped)
                } else if visitorPotential[visitor] < 0 {
                    continue  // already waiting to be inserted
                }
                visitorPotential[visitor] = -1  // marks it pending
                pending.append(Int32(visitor))
            }
        }
        // Most valuable first: a search never goes farther than the inserted visitor's own gain
        // (staying out is always a path to the sink), so visitors inserted late, when places are
        // contested, are those with the least to gain and the shortest searches.
        var keyed = pending.map { visitor -> (gain: Int64, visitor: Int32) in
            var best: Int64 = 0
            for slot in Int(candidateStart[Int(visitor)])..<Int(candidateStart[Int(visitor) + 1]) {
                best = max(best, weight[slot])
            }
            return (best, visitor)
        }
        keyed.sort { $0.gain > $1.gain || ($0.gain == $1.gain && $0.visitor < $1.visitor) }
        for entry in keyed { insert(Int(entry.visitor)) }
    }

    private mutating func unassign(_ visitor: Int, dropped: inout [Int32]) {
        let host = hostOf(candidate: assigned[visitor])
        removeMember(visitor, from: host)
        assigned[visitor] = -1
        visitorPotential[visitor] = -1
        if hostPotential[host] < 0 {
            hostPotential[host] = 0
            dropped.append(Int32(host))
        }
    }

    private mutating func removeMember(_ visitor: Int, from host: Int) {
        let position = Int(memberPosition[visitor])
        let last = Int(memberStart[host] + hostLoad[host] - 1)
        let moved = members[last]
        members[position] = moved
        memberPosition[Int(moved)] = Int32(position)
        members[last] = -1
        memberPosition[visitor] = -1
        hostLoad[host] -= 1
    }

    private mutating func addMember(_ visitor: Int, to host: Int) {
        let position = Int(memberStart[host] + hostLoad[host])
        members[position] = Int32(visitor)
        memberPosition[visitor] = Int32(position)
        hostLoad[host] += 1
    }

    /// Sends the visitor's unit along a shortest path to the sink: it takes a place, possibly
    /// moving others along a chain, or stays out if nothing is worth it.
    private mutating func insert(_ source: Int) {
        searches += 1
        var start: Int64 = 0
        for slot in Int(candidateStart[source])..<Int(candidateStart[source + 1]) where weight[slot] > 0 {
            start = max(start, weight[slot] + hostPotential[Int(candidateHost[slot])])
        }
        visitorPotential[source] = start
        if start == 0 { return }  // nothing positive: it stays unassigned, p = 0 is right

        epoch &+= 1
        if epoch == 0 {
            for index in reached.indices {
                reached[index] = 0
                settled[index] = 0
            }
            epoch = 1
        }
        settledNodes.removeAll(keepingCapacity: true)
        heapKeys.removeAll(keepingCapacity: true)
        heapNodes.removeAll(keepingCapacity: true)
        distance[source] = 0
        reached[source] = epoch
        push(0, Int32(source))
        var sinkDistance = Int64.max
        var sinkFrom = -1

        while !heapKeys.isEmpty {
            let (d, node32) = pop()
            if d >= sinkDistance { break }
            let node = Int(node32)
            if settled[node] == epoch { continue }
            settled[node] = epoch
            settledNodes.append(node32)
            if node < visitorCount {
                let potential = visitorPotential[node]
                if d + potential < sinkDistance {
                    sinkDistance = d + potential
                    sinkFrom = node
                }
                let own = assigned[node]
                for slot in Int(candidateStart[node])..<Int(candidateStart[node + 1]) {
                    let w = weight[slot]
                    guard w > 0, slot != Int(own) else { continue }
                    let host = Int(candidateHost[slot])
                    let target = visitorCount + host
                    guard settled[target] != epoch else { continue }
                    let reduced = potential - w - hostPotential[host]
                    assert(reduced >= 0, "negative reduced cost visitor → host")
                    let candidate = d + reduced
                    if reached[target] != epoch || candidate < distance[target] {
                        reached[target] = epoch
                        distance[target] = candidate
                        parentCandidate[host] = Int32(slot)
                        push(candidate, Int32(target))
                    }
                }
            } else {
                let host = node - visitorCount
                let potential = hostPotential[host]
                if hostLoad[host] < hostCapacity[host], d + potential < sinkDistance {
                    sinkDistance = d + potential
                    sinkFrom = node
                }
                let first = Int(memberStart[host])
                for position in first..<first + Int(hostLoad[host]) {
                    let member = Int(members[position])
                    guard settled[member] != epoch else { continue }
                    let reduced = weight[Int(assigned[member])] + potential - visitorPotential[member]
                    assert(reduced >= 0, "negative reduced cost host → visitor")
                    let candidate = d + reduced
                    if reached[member] != epoch || candidate < distance[member] {
                        reached[member] = epoch
                        distance[member] = candidate
                        push(candidate, Int32(member))
                    }
                }
            }
        }

        for node32 in settledNodes {
            let node = Int(node32)
            let lowered = sinkDistance - distance[node]
            guard lowered > 0 else { continue }
            if node < visitorCount {
                visitorPotential[node] -= lowered
            } else {
                hostPotential[node - visitorCount] -= lowered
            }
        }
        augment(from: source, sinkFrom: sinkFrom)
    }

    /// Walks the shortest path back from the sink, moving each visitor on it to its new host.
    private mutating func augment(from source: Int, sinkFrom: Int) {
        var host: Int
        if sinkFrom < visitorCount {
            if sinkFrom == source { return }  // staying out was best
            // A visitor on the path leaves its host and stays out; its place is taken.
            host = hostOf(candidate: assigned[sinkFrom])
            removeMember(sinkFrom, from: host)
            assigned[sinkFrom] = -1
        } else {
            host = sinkFrom - visitorCount
        }
        while true {
            let slot = parentCandidate[host]
            let visitor = Int(candidateVisitor[Int(slot)])
            let previous = visitor == source ? -1 : hostOf(candidate: assigned[visitor])
            if previous >= 0 { removeMember(visitor, from: previous) }
            assigned[visitor] = slot
            addMember(visitor, to: host)
            if previous < 0 { return }
            host = previous
        }
    }

    // MARK: Binary heap of (distance, node), stale entries skipped on pop.

    private mutating func push(_ key: Int64, _ node: Int32) {
        var index = heapKeys.count
        heapKeys.append(key)
        heapNodes.append(node)
        while index > 0 {
            let parent = (index - 1) >> 1
            guard heapKeys[parent] > key else { break }
            heapKeys[index] = heapKeys[parent]
            heapNodes[index] = heapNodes[parent]
            index = parent
        }
        heapKeys[index] = key
        heapNodes[index] = node
    }

    private mutating func pop() -> (Int64, Int32) {
        let top = (heapKeys[0], heapNodes[0])
        let lastKey = heapKeys.removeLast()
        let lastNode = heapNodes.removeLast()
        let count = heapKeys.count
        if count > 0 {
            var index = 0
            while true {
                var child = 2 * index + 1
                if child >= count { break }
                if child + 1 < count, heapKeys[child + 1] < heapKeys[child] { child += 1 }
                guard heapKeys[child] < lastKey else { break }
                heapKeys[index] = heapKeys[child]
                heapNodes[index] = heapNodes[child]
                index = child
            }
            heapKeys[index] = lastKey
            heapNodes[index] = lastNode
        }
        return top
    }
}
