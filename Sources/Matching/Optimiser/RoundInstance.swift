/// One matching round as given to `clusterxchange optimise --instance FILE`: who may visit whom,
/// at what score and cost, under which host capacities and partnership budgets.
///
/// The file format is the contract in `docs/interfaces.md`, section "Matching round: file format".
/// Two extensions, both backwards compatible:
/// - a partnership without `budget` (or with `"budget": null`) is unbudgeted;
/// - a visitor without `partnership` (or with `null`) counts against no budget.
/// Fields the format does not know are ignored, so producers may add their own.
public struct RoundInstance: Codable, Sendable, Equatable {
    public struct Partnership: Codable, Sendable, Equatable {
        public var id: String
        /// Euros; `nil` means unbudgeted.
        public var budget: Double?
        /// The same budget in exact cents, for callers that hold money as integers (the platform);
        /// when set it is used instead of `budget`.
        public var budgetCents: Int64?
        public init(id: String, budget: Double?) {
            self.id = id
            self.budget = budget
        }

        public init(id: String, budgetCents: Int64) {
            self.id = id
            self.budget = Double(budgetCents) / 100
            self.budgetCents = budgetCents
        }
    }

    public struct Host: Codable, Sendable, Equatable {
        public var id: String
        /// How many visitors the host can receive in this round.
        public var capacity: Int
        public init(id: String, capacity: Int) {
            self.id = id
            self.capacity = capacity
        }
    }

    public struct Visitor: Codable, Sendable, Equatable {
        public var id: String
        /// The partnership whose budget pays for the visit; `nil` means no budget applies.
        public var partnership: String?
        public init(id: String, partnership: String?) {
            self.id = id
            self.partnership = partnership
        }
    }

    /// A pair the round may choose: `score` is what it is worth, `cost` (euros) what it takes
    /// from the visitor's partnership budget.
    public struct Candidate: Codable, Sendable, Equatable {
        public var visitor: String
        public var host: String
        public var score: Double
        public var cost: Double
        /// The same cost in exact cents; when set it is used instead of `cost`.
        public var costCents: Int64?
        public init(visitor: String, host: String, score: Double, cost: Double) {
            self.visitor = visitor
            self.host = host
            self.score = score
            self.cost = cost
        }

        public init(visitor: String, host: String, score: Double, costCents: Int64) {
            self.init(visitor: visitor, host: host, score: score, cost: Double(costCents) / 100)
            self.costCents = costCents
        }
    }

    public var partnerships: [Partnership]
    public var hosts: [Host]
    public var visitors: [Visitor]
    public var candidates: [Candidate]

    public init(partnerships: [Partnership], hosts: [Host], visitors: [Visitor], candidates: [Candidate]) {
        self.partnerships = partnerships
        self.hosts = hosts
        self.visitors = visitors
        self.candidates = candidates
    }
}
