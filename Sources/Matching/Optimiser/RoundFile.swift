import Foundation

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

/// Why a round file was refused. `description` is one line that names the place in the file
/// (a field path such as `candidates[12].host`) and the rule broken, so the `optimise` command
/// can print it as its reason.
public struct RoundFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where: a field path like `hosts[3].capacity`, or `line 2, column 7` for broken JSON.
    public var path: String
    /// What rule the value breaks.
    public var rule: String

    public init(path: String, rule: String) {
        self.path = path
        self.rule = rule
    }

    public var description: String { path.isEmpty ? rule : "\(path): \(rule)" }
}

public enum RoundFile {
    /// Reads and validates an instance. Every check of `RoundProblem` runs here too, so a file
    /// that reads without error can be solved.
    public static func readInstance(_ data: Data) throws(RoundFileError) -> RoundInstance {
        let instance = try parseInstance(data)
        _ = try RoundProblem(instance)
        return instance
    }

    /// The JSON reading alone: structure and field types, none of the round's rules.
    static func parseInstance(_ data: Data) throws(RoundFileError) -> RoundInstance {
        // `withUnsafeBytes` rethrows untyped, so the typed error travels in a Result.
        let read = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Result<RoundInstance, RoundFileError> in
            var reader = RoundJSONReader(raw.bindMemory(to: UInt8.self))
            return Result { () throws(RoundFileError) in try reader.readInstance() }
        }
        return try read.get()
    }

    /// Reads a solution file (for checking one, or for tests).
    public static func readSolution(_ data: Data) throws(RoundFileError) -> RoundSolution {
        do {
            return try JSONDecoder().decode(RoundSolution.self, from: data)
        } catch {
            throw RoundFileError(path: "", rule: "not a round solution: \(oneLine(error))")
        }
    }

    /// The solution as JSON, keys in the order of the contract:
    /// `{"assignments":[{"visitor":"V1","host":"H1"}],"objective":0.82,"bound":0.85}`.
    /// Numbers are written in the shortest form that reads back to the same Double.
    public static func encode(_ solution: RoundSolution) -> Data {
        var out = [UInt8]()
        out.reserveCapacity(64 + solution.assignments.count * 36)
        out.append(contentsOf: Array(#"{"assignments":["#.utf8))
        for (index, assignment) in solution.assignments.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: Array(#"{"visitor":"#.utf8))
            appendJSONString(assignment.visitor, to: &out)
            out.append(contentsOf: Array(#","host":"#.utf8))
            appendJSONString(assignment.host, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: Array(#"],"objective":"#.utf8))
        appendJSONNumber(solution.objective, to: &out)
        if let bound = solution.bound {
            out.append(contentsOf: Array(#","bound":"#.utf8))
            appendJSONNumber(bound, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return Data(out)
    }

    static func appendJSONString(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// JSON has no NaN or infinity; the optimiser never produces them, but a hand-made solution
    /// might, and `null` keeps the output valid JSON.
    static func appendJSONNumber(_ value: Double, to out: inout [UInt8]) {
        guard value.isFinite else {
            out.append(contentsOf: Array("null".utf8))
            return
        }
        out.append(contentsOf: Array(value.description.utf8))
    }

    static func oneLine(_ error: any Error) -> String {
        String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
