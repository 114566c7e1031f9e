import Foundation

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
