/// The answer to a round: the chosen pairs, the sum of their scores and, when known, a proven
/// upper bound on the best objective any feasible choice could reach.
public struct RoundSolution: Codable, Sendable, Equatable {
    public struct Assignment: Codable, Sendable, Equatable, Hashable {
        public var visitor: String
        public var host: String
        public init(visitor: String, host: String) {
            self.visitor = visitor
            self.host = host
        }
    }

    public var assignments: [Assignment]
    public var objective: Double
    public var bound: Double?

    public init(assignments: [Assignment], objective: Double, bound: Double?) {
        self.assignments = assignments
        self.objective = objective
        self.bound = bound
    }
}
