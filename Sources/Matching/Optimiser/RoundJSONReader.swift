import Foundation

/// A reader for round instance files that works on the raw bytes.
///
/// Why not `JSONDecoder`: a round of 30,000 visitors has 600,000 candidates (45 MB); the decoder
/// takes about 1.7 s for it, longer than solving the round. This reader does one pass, builds no
/// intermediate JSON tree, matches keys without making strings, and converts the common number
/// forms exactly without a string round trip (it falls back to the standard library otherwise).
/// It reads all of JSON (RFC 8259): unknown fields are skipped whatever their value.
/// Ids are compared by their exact Unicode scalars (no normalisation).
struct RoundJSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Where in the instance a value sits, turned into text only when an error is reported.
    struct Path {
        var section: StaticString = ""
        var index: Int = -1
        var field: Field?

        var text: String {
            var text = "\(section)"
            if index >= 0 { text += "[\(index)]" }
            if let field { text += text.isEmpty ? "\(field.name)" : ".\(field.name)" }
            return text
        }
    }

    mutating func readInstance() throws(RoundFileError) -> RoundInstance {
        var partnerships: [RoundInstance.Partnership]?
        var hosts: [RoundInstance.Host]?
        var visitors: [RoundInstance.Visitor]?
        var candidates: [RoundInstance.Candidate]?
        // A UTF-8 byte order mark, as some Windows tools write, is not part of the JSON text.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        try readObject(at: Path()) { (reader, key) throws(RoundFileError) in
            switch key {
            case .partnerships:
                try reader.refuseRepeat(partnerships != nil, key)
                partnerships = try reader.readArray(section: "partnerships") { (reader, path) throws(RoundFileError) in
                    try reader.readPartnership(at: path)
                }
            case .hosts:
                try reader.refuseRepeat(hosts != nil, key)
                hosts = try reader.readArray(section: "hosts") { (reader, path) throws(RoundFileError) in
                    try reader.readHost(at: path)
                }
            case .visitors:
                try reader.refuseRepeat(visitors != nil, key)
                visitors = try reader.readArray(section: "visitors") { (reader, path) throws(RoundFileError) in
                    try reader.readVisitor(at: path)
                }
            case .candidates:
                try reader.refuseRepeat(candidates != nil, key)
                candidates = try reader.readArray(section: "candidates") { (reader, path) throws(RoundFileError) in
                    try reader.readCandidate(at: path)
                }
            default:
                try reader.skipValue()
            }
        }
        skipWhitespace()
        if position < bytes.count { throw syntaxError("unexpected text after the instance") }
        for (name, present) in [
            ("partnerships", partnerships != nil), ("hosts", hosts != nil), ("visitors", visitors != nil),
            ("candidates", candidates != nil),
        ] where !present {
            throw RoundFileError(path: name, rule: "missing (give an empty array if there are none)")
        }
        return RoundInstance(
            partnerships: partnerships ?? [], hosts: hosts ?? [], visitors: visitors ?? [], candidates: candidates ?? [])
    }

    private func refuseRepeat(_ seen: Bool, _ field: Field) throws(RoundFileError) {
        if seen { throw RoundFileError(path: "\(field.name)", rule: "given twice") }
    }

    private mutating func readPartnership(at path: Path) throws(RoundFileError) -> RoundInstance.Partnership {
        var id: String?
        var budget: Double?
        try readObject(at: path) { (reader, key) throws(RoundFileError) in
            var path = path
            path.field = key
            switch key {
            case .id: id = try reader.readString(at: path)
            case .budget: budget = try reader.readNullableNumber(at: path)
            default: try reader.skipValue()
            }
        }
        return RoundInstance.Partnership(id: try required(id, path, .id), budget: budget)
    }

    private mutating func readHost(at path: Path) throws(RoundFileError) -> RoundInstance.Host {
        var id: String?
        var capacity: Int?
        try readObject(at: path) { (reader, key) throws(RoundFileError) in
            var path = path
            path.field = key
            switch key {
            case .id: id = try reader.readString(at: path)
            case .capacity:
                let value = try reader.readNumber(at: path)
                guard value == value.rounded() else { throw RoundFileError(path: path.text, rule: "must be a whole number") }
                guard value <= Double(Int32.max) else {
                    throw RoundFileError(path: path.text, rule: "must be at most \(Int32.max)")
                }
                capacity = Int(max(value, Double(Int32.min)))
            default: try reader.skipValue()
            }
        }
        return RoundInstance.Host(id: try required(id, path, .id), capacity: try required(capacity, path, .capacity))
    }

    private mutating func readVisitor(at path: Path) throws(RoundFileError) -> RoundInstance.Visitor {
        var id: String?
        var partnership: String?
        try readObject(at: path) { (reader, key) throws(RoundFileError) in
            var path = path
            path.field = key
            switch key {
            case .id: id = try reader.readString(at: path)
            case .partnership: partnership = try reader.readNullableString(at: path)
            default: try reader.skipValue()
            }
        }
        return RoundInstance.Visitor(id: try required(id, path, .id), partnership: partnership)
    }

    private mutating func readCandidate(at path: Path) throws(RoundFileError) -> RoundInstance.Candidate {
        var visitor: String?
        var host: String?
        var score: Double?
        var cost: Double?
        try readObject(at: path) { (reader, key) throws(RoundFileError) in
            var path = path
            path.field = key
            switch key {
            case .visitor: visitor = try reader.readString(at: path)
            case .host: host = try reader.readString(at: path)
            case .score: score = try reader.readNumber(at: path)
            case .cost: cost = try reader.readNumber(at: path)
            default: try reader.skipValue()
            }
        }
        return RoundInstance.Candidate(
            visitor: try required(visitor, path, .visitor), host: try required(host, path, .host),
            score: try required(score, path, .score), cost: try required(cost, path, .cost))
    }

    private func required<T>(_ value: T?, _ path: Path, _ field: Field) throws(RoundFileError) -> T {
        guard let value else {
            var path = path
            path.field = field
            throw RoundFileError(path: path.text, rule: "missing")
        }
        return value
    }

    // MARK: JSON structure

    private mutating func readArray<Element>(
        section: StaticString, _ element: (inout RoundJSONReader, Path) throws(RoundFileError) -> Element
    ) throws(RoundFileError) -> [Element] {
        var path = Path(section: section)
        skipWhitespace()
        guard peek() == UInt8(ascii: "[") else { throw RoundFileError(path: path.text, rule: "must be an array") }
        position += 1
        var elements: [Element] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            return elements
        }
        while true {
            path.index = elements.count
            elements.append(try element(&self, path))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                return elements
            default: throw syntaxError("expected ',' or ']' after \(path.text)")
            }
        }
    }

    /// Calls `field` for each field with the reader placed on its value; the closure must consume it.
    private mutating func readObject(
        at path: Path, _ field: (inout RoundJSONReader, Field) throws(RoundFileError) -> Void
    ) throws(RoundFileError) {
        skipWhitespace()
        guard peek() == UInt8(ascii: "{") else {
            throw RoundFileError(path: path.text.isEmpty ? "instance" : path.text, rule: "must be an object")
        }
        position += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            return
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw syntaxError("expected a field name in \(describe(path))") }
            let key = try readField()
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw syntaxError("expected ':' after a field name") }
            position += 1
            try field(&self, key)
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                return
            default: throw syntaxError("expected ',' or '}' in \(describe(path))")
            }
        }
    }

    private func describe(_ path: Path) -> String { path.text.isEmpty ? "the instance" : path.text }

    /// The field names the format knows; any other is `other` and its value is skipped.
    enum Field: CaseIterable {
        case id, budget, capacity, partnership, visitor, host, score, cost
        case partnerships, hosts, visitors, candidates
        case other

        var name: StaticString {
            switch self {
            case .id: "id"
            case .budget: "budget"
            case .capacity: "capacity"
            case .partnership: "partnership"
            case .visitor: "visitor"
            case .host: "host"
            case .score: "score"
            case .cost: "cost"
            case .partnerships: "partnerships"
            case .hosts: "hosts"
            case .visitors: "visitors"
            case .candidates: "candidates"
            case .other: ""
            }
        }
    }

    /// Matches the name on its bytes when it has no escapes (no allocation, no table: this runs
    /// four times per candidate); decodes it otherwise.
    private mutating func readField() throws(RoundFileError) -> Field {
        let start = position + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else {
            return Self.field(named: try readRawString())
        }
        position = end + 1
        let candidate: Field
        switch (end - start, bytes[start]) {
        case (2, UInt8(ascii: "i")): candidate = .id
        case (4, UInt8(ascii: "h")): candidate = .host
        case (4, UInt8(ascii: "c")): candidate = .cost
        case (5, UInt8(ascii: "h")): candidate = .hosts
        case (5, UInt8(ascii: "s")): candidate = .score
        case (6, UInt8(ascii: "b")): candidate = .budget
        case (7, UInt8(ascii: "v")): candidate = .visitor
        case (8, UInt8(ascii: "c")): candidate = .capacity
        case (8, UInt8(ascii: "v")): candidate = .visitors
        case (10, UInt8(ascii: "c")): candidate = .candidates
        case (11, UInt8(ascii: "p")): candidate = .partnership
        case (12, UInt8(ascii: "p")): candidate = .partnerships
        default: return .other
        }
        let name = candidate.name.utf8Start
        for offset in 1..<(end - start) where bytes[start + offset] != name[offset] { return .other }
        return candidate
    }

    private static func field(named name: String) -> Field {
        Field.allCases.first { $0 != .other && "\($0.name)" == name } ?? .other
    }

    private mutating func readString(at path: Path) throws(RoundFileError) -> String {
        skipWhitespace()
        guard peek() == UInt8(ascii: "\"") else { throw RoundFileError(path: path.text, rule: "must be a string") }
        return try readRawString()
    }

    private mutating func readNullableString(at path: Path) throws(RoundFileError) -> String? {
        skipWhitespace()
        if try readNull() { return nil }
        return try readString(at: path)
    }

    private mutating func readNumber(at path: Path) throws(RoundFileError) -> Double {
        skipWhitespace()
        guard let value = try scanNumber() else { throw RoundFileError(path: path.text, rule: "must be a number") }
        return value
    }

    private mutating func readNullableNumber(at path: Path) throws(RoundFileError) -> Double? {
        skipWhitespace()
        if try readNull() { return nil }
        return try readNumber(at: path)
    }

    private mutating func readNull() throws(RoundFileError) -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        try expectLiteral("null")
        return true
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(RoundFileError) {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count,
            (0..<count).allSatisfy({ bytes[position + $0] == literal.utf8Start[$0] })
        else { throw syntaxError("expected \(literal)") }
        position += count
    }

    private mutating func skipValue() throws(RoundFileError) {
        skipWhitespace()
        switch peek() {
        case UInt8(ascii: "\""): _ = try readRawString()
        case UInt8(ascii: "{"): try readObject(at: Path()) { (reader, _) throws(RoundFileError) in try reader.skipValue() }
        case UInt8(ascii: "["):
            position += 1
            skipWhitespace()
            if peek() == UInt8(ascii: "]") {
                position += 1
                return
            }
            while true {
                try skipValue()
                skipWhitespace()
                switch peek() {
                case UInt8(ascii: ","): position += 1
                case UInt8(ascii: "]"):
                    position += 1
                    return
                default: throw syntaxError("expected ',' or ']'")
                }
            }
        case UInt8(ascii: "t"): try expectLiteral("true")
        case UInt8(ascii: "f"): try expectLiteral("false")
        case UInt8(ascii: "n"): try expectLiteral("null")
        default:
            if try scanNumber() == nil { throw syntaxError("expected a value") }
        }
    }
}
